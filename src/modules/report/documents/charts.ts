import type { CanvasElement, Content } from 'pdfmake/interfaces.js';

/**
 * Charts drawn as vector shapes (pdfmake canvas): crisp at any zoom and in print, and their labels
 * stay text that a reader can select and `pdftotext` can read.
 */
export interface Bar {
  label: string;
  value: number;
  /** What is printed beside the bar (the formatted figure). */
  text: string;
  /** The same figure of the previous period, drawn as a thin grey bar under it. */
  previous?: number;
}

const CURRENT = '#2f6fb0';
const PREVIOUS = '#b9c3cf';
const WON = '#3c8d4f';
const LOST = '#b5483f';
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 95;
const BAR_AREA = 515 - LABEL_WIDTH - VALUE_WIDTH - 10;

/** Horizontal bars, one row per item; the longest bar fills the width. */
export function barChart(bars: Bar[], options: { emptyText?: string } = {}): Content {
  if (bars.length === 0) return { text: options.emptyText ?? 'Нет данных за период', style: 'muted' };
  const top = Math.max(1, ...bars.map((bar) => Math.max(bar.value, bar.previous ?? 0)));
  return {
    table: {
      widths: [LABEL_WIDTH, BAR_AREA, VALUE_WIDTH],
      body: bars.map((bar) => [
        { text: bar.label, style: 'chartLabel' },
        { canvas: barShapes(bar, top), margin: [0, 2, 0, 0] },
        { text: bar.text, style: 'chartValue' },
      ]),
    },
    layout: 'noBorders',
    margin: [0, 4, 0, 8],
  };
}

function barShapes(bar: Bar, top: number): CanvasElement[] {
  const shapes: CanvasElement[] = [
    { type: 'rect', x: 0, y: 0, w: Math.max(1, (bar.value / top) * BAR_AREA), h: 9, color: CURRENT },
  ];
  if (bar.previous !== undefined) {
    const width = Math.max(1, (bar.previous / top) * BAR_AREA);
    shapes.push({ type: 'rect', x: 0, y: 10, w: width, h: 3, color: PREVIOUS });
  }
  return shapes;
}

export interface FunnelStep {
  label: string;
  value: number;
  kind: 'open' | 'won' | 'lost';
}

/** A funnel: centred bars, one per stage in pipeline order, won stages green and lost ones red. */
export function funnelChart(steps: FunnelStep[]): Content {
  const width = 300;
  const top = Math.max(1, ...steps.map((step) => step.value));
  return {
    table: {
      widths: [LABEL_WIDTH, width, '*'],
      body: steps.map((step) => {
        const barWidth = Math.max(2, (step.value / top) * width);
        const color = step.kind === 'won' ? WON : step.kind === 'lost' ? LOST : CURRENT;
        return [
          { text: step.label, style: 'chartLabel' },
          {
            canvas: [{ type: 'rect', x: (width - barWidth) / 2, y: 0, w: barWidth, h: 11, color }],
            margin: [0, 1, 0, 0],
          },
          { text: String(step.value), style: 'chartValue' },
        ];
      }),
    },
    layout: 'noBorders',
    margin: [0, 4, 0, 8],
  };
}

/** Twelve months as grouped columns: this year (blue) beside the previous one (grey). */
export function monthColumns(
  months: { label: string; current: number; previous: number }[],
  legend: { current: string; previous: string },
): Content {
  const height = 110;
  const slot = 515 / months.length;
  const barWidth = Math.min(14, slot / 2 - 3);
  const top = Math.max(1, ...months.flatMap((month) => [month.current, month.previous]));
  const shapes: CanvasElement[] = [{ type: 'line', x1: 0, y1: height, x2: 515, y2: height, lineWidth: 0.5 }];
  months.forEach((month, index) => {
    const x = index * slot + slot / 2 - barWidth;
    const previousHeight = (month.previous / top) * height;
    const currentHeight = (month.current / top) * height;
    shapes.push(
      { type: 'rect', x, y: height - previousHeight, w: barWidth, h: previousHeight, color: PREVIOUS },
      {
        type: 'rect',
        x: x + barWidth,
        y: height - currentHeight,
        w: barWidth,
        h: currentHeight,
        color: CURRENT,
      },
    );
  });
  return {
    stack: [
      { canvas: shapes },
      {
        columns: months.map((month) => ({ text: month.label, style: 'axisLabel', width: slot })),
        columnGap: 0,
        margin: [0, 2, 0, 0],
      },
      {
        text: [
          { text: '■ ', color: CURRENT },
          `${legend.current}   `,
          { text: '■ ', color: PREVIOUS },
          legend.previous,
        ],
        style: 'muted',
        margin: [0, 4, 0, 8],
      },
    ],
  };
}
