import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

import type { Compared, ComparedMoney } from './report-data.js';
import { formatCount, formatMoney } from '../../../common/ru-format.js';
import { formatDelta, formatMoneyDelta } from './report-format.js';

/**
 * What every report shares: A4 with margins, Roboto (it has Cyrillic), a header naming the report,
 * department and period on every page, «Страница N из M» at the foot, and the styles.
 */
export function reportDocument(options: {
  title: string;
  subtitle: string;
  header: string;
  content: Content[];
}): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [40, 56, 40, 48],
    info: { title: `${options.title}. ${options.subtitle}`, creator: 'Kosino CRM', producer: 'Kosino CRM' },
    header: (currentPage: number) =>
      currentPage === 1 ? null : { text: options.header, style: 'pageHeader', margin: [40, 24, 40, 0] },
    footer: (currentPage: number, pageCount: number) => ({
      text: `Страница ${currentPage} из ${pageCount}`,
      style: 'pageFooter',
      margin: [40, 16, 40, 0],
    }),
    // A heading never ends a page: it moves to the next one with what it introduces.
    pageBreakBefore: (node, following) =>
      node.headlineLevel === 1 && following.getFollowingNodesOnPage().length < 2,
    content: [
      { text: options.title, style: 'title' },
      { text: options.subtitle, style: 'subtitle' },
      ...options.content,
    ],
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 17, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: '#444444', margin: [0, 0, 0, 12] },
      section: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
      subsection: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
      tableHeader: { bold: true, fillColor: '#eef2f6' },
      muted: { color: '#666666', fontSize: 8.5 },
      chartLabel: { fontSize: 8.5 },
      chartValue: { fontSize: 8.5, alignment: 'right' },
      axisLabel: { fontSize: 7.5, alignment: 'center', color: '#444444' },
      pageHeader: { fontSize: 8, color: '#666666' },
      pageFooter: { fontSize: 8, color: '#666666', alignment: 'right' },
      figureValue: { fontSize: 13, bold: true },
      figureLabel: { fontSize: 8, color: '#555555' },
    },
  };
}

export function section(text: string, options: { toc?: boolean; pageBreak?: boolean } = {}): Content {
  return {
    text,
    style: 'section',
    headlineLevel: 1,
    tocItem: options.toc ?? false,
    ...(options.pageBreak ? { pageBreak: 'before' as const } : {}),
  };
}

export function subsection(text: string): Content {
  return { text, style: 'subsection', headlineLevel: 1 };
}

type Cell =
  | string
  | {
      text: string;
      alignment?: 'right' | 'left' | 'center';
      bold?: boolean;
      color?: string;
      margin?: [number, number, number, number];
    };

/** A table with a header row; numeric columns are right-aligned by passing `numeric` indexes. */
export function dataTable(
  header: string[],
  rows: Cell[][],
  options: { widths?: (number | string)[]; numeric?: number[]; emptyText?: string } = {},
): Content {
  if (rows.length === 0) return { text: options.emptyText ?? 'Нет данных за период', style: 'muted' };
  const numeric = new Set(options.numeric ?? []);
  const align = (cell: Cell, index: number) => {
    if (!numeric.has(index)) return cell;
    return typeof cell === 'string'
      ? { text: cell, alignment: 'right' as const }
      : { alignment: 'right' as const, ...cell };
  };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: options.widths ?? header.map((_, index) => (index === 0 ? '*' : 'auto')),
      body: [
        header.map((text, index) => ({
          text,
          style: 'tableHeader',
          ...(numeric.has(index) ? { alignment: 'right' as const } : {}),
        })),
        ...rows.map((row) => row.map(align)),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 8],
  };
}

/** «12 (было 9, +3)»: a count beside the previous period's. */
export function compared(figure: Compared): string {
  return `${formatCount(figure.current)} (было ${formatCount(figure.previous)}, ${formatDelta(figure.current, figure.previous)})`;
}

export function comparedMoney(figure: ComparedMoney): string {
  return `${formatMoney(figure.current)} (было ${formatMoney(figure.previous)}, ${formatMoneyDelta(figure.current, figure.previous)})`;
}

/** Key figures in a row of boxes at the top of a report. */
export function keyFigures(figures: { label: string; value: string; note?: string }[]): Content {
  return {
    columns: figures.map((figure) => ({
      stack: [
        { text: figure.value, style: 'figureValue' },
        { text: figure.label, style: 'figureLabel' },
        ...(figure.note ? [{ text: figure.note, style: 'muted' }] : []),
      ],
    })),
    columnGap: 12,
    margin: [0, 0, 0, 8],
  };
}
