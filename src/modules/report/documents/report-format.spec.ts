import { describe, expect, it } from '@jest/globals';

import { formatDelta, formatHours, formatMoneyDelta, formatPeriod } from './report-format.js';

// Russian number format uses no-break spaces; the tests write them as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('report figures in Russian format', () => {
  it('writes the change of money exactly, with a true minus sign', () => {
    expect(plain(formatMoneyDelta('4100000.00', '1000001.00'))).toBe('+3 099 999,00 ₽');
    expect(plain(formatMoneyDelta('0.10', '0.30'))).toBe('−0,20 ₽');
    expect(formatMoneyDelta('5.00', '5')).toBe('без изменений');
  });

  it('writes changes and durations', () => {
    expect(formatDelta(3, 5)).toBe('−2');
    expect(formatDelta(5, 5)).toBe('без изменений');
    expect(formatHours(0.5)).toBe('30 мин');
    expect(formatHours(3 + 1 / 3)).toBe('3 ч 20 мин');
    expect(formatHours(24)).toBe('1 дн.');
    expect(formatHours(105)).toBe('4 дн. 9 ч');
    expect(formatHours(null)).toBe('—');
  });

  it('writes periods as Russian dates', () => {
    expect(formatPeriod({ start: '2026-11-16', end: '2026-11-22' })).toBe('16.11.2026 — 22.11.2026');
    expect(formatPeriod({ start: '2026-11-16', end: '2026-11-16' })).toBe('16.11.2026');
  });
});
