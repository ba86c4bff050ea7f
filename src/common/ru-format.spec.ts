import { describe, expect, it } from '@jest/globals';

import {
  formatArea,
  formatCount,
  formatCountOf,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPhone,
  formatRate,
  formatTurnover,
  formatWholeRubles,
  moscowToday,
  parseDate,
} from './ru-format.js';

// Russian number format uses no-break spaces; the tests write them as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('Russian formats', () => {
  it('writes a calendar date as it is, whatever the time zone, and never with a time', () => {
    expect(formatDate('2026-12-04')).toBe('04.12.2026');
    expect(formatDateTime('2026-12-04')).toBe('04.12.2026');
    expect(formatDate('1999-01-31')).toBe('31.01.1999');
  });

  it('writes moments in Moscow time', () => {
    expect(formatDateTime('2026-12-04T16:07:00.000Z')).toBe('04.12.2026, 19:07');
    expect(formatDateTime(new Date('2026-11-22T21:30:00Z'))).toBe('23.11.2026, 00:30');
    expect(formatDate('2026-11-22T21:30:00Z')).toBe('23.11.2026');
    expect(moscowToday(new Date('2026-12-31T21:00:00Z'))).toBe('2027-01-01');
  });

  it('says «—» for nothing and shows what it cannot read as it is', () => {
    for (const empty of [null, undefined, '']) {
      expect(formatDate(empty)).toBe('—');
      expect(formatDateTime(empty)).toBe('—');
      expect(formatMoney(empty)).toBe('—');
      expect(formatArea(empty)).toBe('—');
      expect(formatPhone(empty)).toBe('—');
      expect(formatTurnover(empty, 'rub')).toBe('—');
    }
    expect(formatDateTime('вчера')).toBe('вчера');
    expect(formatDate('04.12.2026')).toBe('04.12.2026');
    expect(formatMoney('12 рублей')).toBe('12 рублей');
    expect(formatPhone('доб. 123')).toBe('доб. 123');
  });

  it('writes money exactly from the decimal string PostgreSQL gives', () => {
    expect(plain(formatMoney('1234567.89'))).toBe('1 234 567,89 ₽');
    expect(plain(formatMoney('9999999999999999.99'))).toBe('9 999 999 999 999 999,99 ₽');
    expect(plain(formatMoney('0'))).toBe('0,00 ₽');
    expect(plain(formatMoney(1500))).toBe('1 500,00 ₽');
    expect(plain(formatWholeRubles('1335202773.49'))).toBe('1 335 202 773 ₽');
    // The spaces are no-break spaces: a figure never breaks across lines.
    expect(formatMoney('1234567.89')).not.toContain(' ');
  });

  it('writes areas, numbers, counts and rates', () => {
    expect(plain(formatArea('2568.00'))).toBe('2 568 м²');
    expect(plain(formatArea('12.50'))).toBe('12,5 м²');
    expect(plain(formatNumber('150000000.000'))).toBe('150 000 000');
    expect(plain(formatNumber(0.125, 1))).toBe('0,1');
    expect(plain(formatCount(12345))).toBe('12 345');
    const rows = ['строка', 'строки', 'строк'] as const;
    expect([0, 1, 3, 5, 11, 14, 21, 1234, 112].map((count) => plain(formatCountOf(count, rows)))).toEqual([
      '0 строк',
      '1 строка',
      '3 строки',
      '5 строк',
      '11 строк',
      '14 строк',
      '21 строка',
      '1 234 строки',
      '112 строк',
    ]);
    expect(plain(formatRate(1, 3))).toBe('33,3 %');
    expect(formatRate(1, 0)).toBe('—');
  });

  it('writes the turnover with its unit', () => {
    expect(plain(formatTurnover('150000.000', 'thousand_tonnes'))).toBe('150 000 тыс. т');
    expect(plain(formatTurnover('12.345', 'thousand_tonnes'))).toBe('12,345 тыс. т');
    expect(plain(formatTurnover('150000000.000', 'rub'))).toBe('150 000 000,00 ₽');
    expect(plain(formatTurnover('150000.000', null))).toBe('150 000');
  });

  it('writes Russian phones as people do, and other countries internationally', () => {
    expect(formatPhone('+74952302772')).toBe('+7 (495) 230-27-72');
    expect(formatPhone('+79165551234')).toBe('+7 (916) 555-12-34');
    expect(formatPhone('+493012345678')).toBe('+49 30 12345678');
    expect(formatPhone('+375291234567')).toBe('+375 29 123 45 67');
  });

  it('reads dates as people type them and refuses dates that do not exist', () => {
    expect(parseDate('04.12.2026')).toBe('2026-12-04');
    expect(parseDate(' 4.1.2026 ')).toBe('2026-01-04');
    expect(parseDate('2026-12-04')).toBe('2026-12-04');
    expect(parseDate('31.02.2026')).toBeUndefined();
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('12/04/2026')).toBeUndefined();
    expect(parseDate(20261204)).toBeUndefined();
  });
});
