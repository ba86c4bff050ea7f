import { describe, expect, it } from '@jest/globals';

import { buildCommitteeReport } from './committee-report.js';
import type { CommitteeReportData } from './report-data.js';

const empty = { current: 0, previous: 0 };
const data: CommitteeReportData = {
  department: 'Департамент ВЭД',
  period: { start: '2026-11-16', end: '2026-11-22' },
  previousPeriod: { start: '2026-11-09', end: '2026-11-15' },
  generatedAt: '2026-11-23T05:00:00.000Z',
  leads: {
    received: { current: 3, previous: 1 },
    byObjectType: [{ name: 'Таможня', current: 3, previous: 1 }],
    byStatus: [{ name: 'Новый', count: 3 }],
    processed: empty,
    converted: empty,
    inactive: empty,
    reaction: { current: { median: null, max: null }, previous: { median: null, max: null } },
    processing: { current: { median: null, max: null }, previous: { median: null, max: null } },
    waiting: { total: 0, oldest: [] },
  },
  clients: {
    added: empty,
    funnels: [
      {
        pipeline: 'Стандартная воронка',
        stages: [
          { name: 'Новый', kind: 'open', clients: 2, items: [], entered: { current: 2, previous: 0 } },
        ],
      },
    ],
    deactivated: empty,
    deactivations: [],
  },
  deals: {
    signed: empty,
    total: { current: '0.00', previous: '0.00' },
    byKind: [],
    byService: [
      {
        name: 'Склад временного хранения',
        count: { current: 1, previous: 0 },
        total: { current: '100.00', previous: '0.00' },
      },
    ],
    list: [],
  },
  managers: [],
};

/** Every string in a pdfmake document definition, in order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') return Object.values(node as Record<string, unknown>).flatMap(texts);
  return [];
}

/** The canvas (vector) shapes in a document definition. */
function canvases(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(canvases);
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    return [
      ...(Array.isArray(record.canvas) ? [record.canvas] : []),
      ...Object.values(record).flatMap(canvases),
    ];
  }
  return [];
}

describe('the committee report document (a pure function of its data)', () => {
  it('is A4 with a header and page numbers in Russian', () => {
    const document = buildCommitteeReport(data);
    expect(document.pageSize).toBe('A4');
    const footer = document.footer as (page: number, pages: number) => { text: string };
    expect(footer(2, 5).text).toBe('Страница 2 из 5');
    const header = document.header as (page: number) => { text: string } | null;
    expect(header(1)).toBeNull();
    expect(header(2)?.text).toBe(
      'Отчёт для оперативного совещания · Департамент ВЭД · 16.11.2026 — 22.11.2026',
    );
  });

  it('has every section, and draws the funnel, leads per object type and deals per service as vector bars', () => {
    const document = buildCommitteeReport(data);
    const all = texts(document.content);
    for (const title of [
      'Лиды',
      'Клиенты',
      'Сделки',
      'Активность менеджеров',
      'Воронка на конец периода: Стандартная воронка',
    ]) {
      expect(all).toContain(title);
    }
    // Object types (bar + previous bar), the funnel (one stage), deals per service (bar + previous bar).
    expect(canvases(document.content)).toHaveLength(3);
  });

  it('gives the same document for the same data', () => {
    expect(JSON.stringify(buildCommitteeReport(data).content)).toBe(
      JSON.stringify(buildCommitteeReport(data).content),
    );
  });
});
