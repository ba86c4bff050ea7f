import { describe, expect, it } from '@jest/globals';

import { cellText } from './xlsx-cell-text.js';

describe('cellText', () => {
  it.each([
    [null, ''],
    ['текст', 'текст'],
    [0.1 + 0.2, '0.3'],
    [1234567.891, '1234567.891'],
    [7707083893, '7707083893'],
    [-0.000001, '-0.000001'],
    [true, 'Да'],
    [false, 'Нет'],
    [new Date(Date.UTC(2026, 11, 4)), '04.12.2026'],
    [new Date(Date.UTC(2026, 11, 4, 19, 7)), '04.12.2026 19:07'],
    // Excel stores 19:07 as a fraction of a day that may land a hair before the minute.
    [new Date(Date.UTC(2026, 11, 4, 19, 6, 59, 999)), '04.12.2026 19:07'],
    [{ richText: [{ text: 'ООО ' }, { text: '«Ромашка»' }] }, 'ООО «Ромашка»'],
    [{ formula: 'A1*2', result: 4.2 }, '4.2'],
    [{ sharedFormula: 'A1', result: 'итог' }, 'итог'],
    [{ formula: 'TODAY()', result: new Date(Date.UTC(2025, 0, 2)) }, '02.01.2025'],
    [{ formula: 'A1' }, ''],
    [{ error: '#REF!' }, '#REF!'],
    [{ text: 'сайт', hyperlink: 'https://example.ru' }, 'сайт'],
  ] as const)('shows %p as «%s»', (value, text) => {
    expect(cellText(value as Parameters<typeof cellText>[0])).toBe(text);
  });
});
