import { describe, expect, it } from '@jest/globals';

import { buildDealSummary, formatKopecks, formatYears, toKopecks } from './deal-summary.js';

// Russian number format uses no-break spaces; the tests write them as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('deal summary', () => {
  it('formats money in Russian, exactly', () => {
    expect(plain(formatKopecks(123456789n))).toBe('1 234 567,89 ₽');
    expect(plain(formatKopecks(toKopecks('0.1') * 3n))).toBe('0,30 ₽');
    expect(plain(formatKopecks(toKopecks('9999999999999.99')))).toBe('9 999 999 999 999,99 ₽');
    expect(() => toKopecks('1.234')).toThrow(RangeError);
    expect(() => toKopecks('-5')).toThrow(RangeError);
  });

  it.each([
    [1, '1 год'],
    [2, '2 года'],
    [4, '4 года'],
    [5, '5 лет'],
    [11, '11 лет'],
    [21, '21 год'],
    [22, '22 года'],
  ])('says %i years as «%s»', (years, text) => {
    expect(formatYears(years)).toBe(text);
  });

  it('writes «услуга/площадь, сумма, срок» per line and in total, cost being per year', () => {
    const summary = buildDealSummary([
      {
        kind: 'premises',
        name: 'зона А, сектор 3, № 12',
        areaM2: '512.50',
        costPerYear: '1200000',
        termYears: 3,
      },
      { kind: 'ved', name: 'Склад временного хранения', costPerYear: '250000.50', termYears: 1 },
      { kind: '3pl', name: 'Ответственное хранение', costPerYear: '99999.99', termYears: 5 },
    ]);
    expect(summary.lines.map(plain)).toEqual([
      'Помещение зона А, сектор 3, № 12, 512,5 м², 3 600 000,00 ₽, 3 года',
      'Услуга ВЭД «Склад временного хранения», 250 000,50 ₽, 1 год',
      'Услуга 3PL «Ответственное хранение», 499 999,95 ₽, 5 лет',
    ]);
    expect(plain(summary.total)).toBe('Итого: 512,5 м², 4 350 000,45 ₽, срок 5 лет');
    expect(summary.totalKopecks).toBe(435000045n);
  });

  it('says so when a deal has no lines', () => {
    expect(buildDealSummary([])).toEqual({ lines: [], total: 'Итого: нет строк', totalKopecks: 0n });
  });
});
