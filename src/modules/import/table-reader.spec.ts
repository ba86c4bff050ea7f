import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import type { OpenedTable, TableRow } from './import-contract.js';
import { importLimits } from './import-limits.js';
import { openTable } from './table-reader.js';

const fixtures = join(process.cwd(), 'test/fixtures/import');
const fixture = (name: string) => join(fixtures, name);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function allRows(table: OpenedTable): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of table.rows()) rows.push(row);
  return rows;
}

describe('openTable on Bitrix24 CSV exports', () => {
  it('reads leads in Windows-1251 with «;», a quoted multi-line comment and a blank row', async () => {
    const table = await openTable(fixture('leads-bitrix24-cp1251.csv'), 'leads.csv');

    expect(table.detected).toEqual({ format: 'csv', encoding: 'windows-1251', delimiter: ';', sheet: null });
    expect(table.headers.slice(0, 6)).toEqual([
      'ID',
      'Название лида',
      'Обращение',
      'Имя',
      'Отчество',
      'Фамилия',
    ]);
    const rows = await allRows(table);
    expect(rows.map((row) => row.cells[0])).toEqual(['101', '102', '103', '104']);
    expect(rows[0].cells[16]).toBe('Звонил дважды.\r\nПросил "срочно" прислать КП;\r\nинтересует пандус');
    // 101 takes lines 2–4 (its comment has three lines), 102 is line 5, line 6 is blank.
    expect(rows.map((row) => row.line)).toEqual([2, 5, 7, 8]);
    expect(rows[3].cells[10]).toBe('Ждёт звонка');
  });

  it('reads companies in UTF-8 with a BOM and «,», the BOM gone from the first header', async () => {
    const table = await openTable(fixture('companies-bitrix24-utf8-bom.csv'), 'companies.csv');

    expect(table.detected).toEqual({ format: 'csv', encoding: 'utf-8-bom', delimiter: ',', sheet: null });
    expect(table.headers[0]).toBe('ID');
    const rows = await allRows(table);
    expect(rows[0].cells[1]).toBe('ООО "Ромашка", склад');
    expect(rows[0].cells[4]).toBe('7707083893');
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it('reads contacts in UTF-8 without a BOM, LF line ends', async () => {
    const table = await openTable(fixture('contacts-bitrix24-utf8.csv'), 'contacts.csv');

    expect(table.detected).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';', sheet: null });
    expect(table.headers).toContain('Домашний телефон');
    expect((await allRows(table)).map((row) => row.cells[4])).toEqual(['Фёдоров', 'Соколова']);
  });

  it('gives a fresh pass each time rows() is called', async () => {
    const table = await openTable(fixture('contacts-bitrix24-utf8.csv'), 'contacts.csv');

    expect(await allRows(table)).toEqual(await allRows(table));
  });

  it('trims headers and drops empty trailing header cells; tab-delimited files are read too', async () => {
    const path = await file('tabs.csv', ' Имя \tТелефон\t\nИван\t+7 495 000-00-00\t\n\t\t\nАнна\t\t\n');
    const table = await openTable(path, 'tabs.txt');

    expect(table.detected.delimiter).toBe('\t');
    expect(table.headers).toEqual(['Имя', 'Телефон']);
    expect(await allRows(table)).toEqual([
      { line: 2, cells: ['Иван', '+7 495 000-00-00'] },
      { line: 4, cells: ['Анна'] },
    ]);
  });

  it('counts lines right after CRLF inside a quoted cell', async () => {
    const path = await file('crlf.csv', 'a,b\r\n1,"x\r\ny\r\nz"\r\n2,3\r\n');
    const rows = await allRows(await openTable(path, 'crlf.csv'));

    expect(rows.map((row) => row.line)).toEqual([2, 5]);
  });
});

describe('openTable refusals', () => {
  it.each([
    ['empty.csv', 'import.empty_file', 'Файл пустой'],
    ['header-only.csv', 'import.empty_file', 'только строка заголовков'],
    ['pdf-renamed.csv', 'import.wrong_type', 'PDF-документ'],
    ['latin1.csv', 'import.unreadable_csv', 'ISO-8859-1'],
  ])('refuses %s with %s', async (name, code, words) => {
    const refusal = openTable(fixture(name), name);

    await expect(refusal).rejects.toMatchObject({ code, status: 422 });
    await expect(refusal).rejects.toThrow(words);
  });

  it('says on which line a quote is not closed', async () => {
    const table = openTable(fixture('broken-unclosed-quote.csv'), 'broken.csv');
    // The header and the first record are read; the refusal comes from the rows.
    const rows = allRows(await table);

    await expect(rows).rejects.toMatchObject({ code: 'import.broken_quotes', details: { line: 4 } });
    await expect(rows).rejects.toThrow('В строке 4 не закрыта кавычка');
  });

  it('refuses a picture named .csv by its content', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    const path = await file('photo.csv', png);

    await expect(openTable(path, 'photo.csv')).rejects.toMatchObject({ code: 'import.wrong_type' });
  });

  it('refuses Bitrix24’s HTML «Excel» export, saying what to do instead', async () => {
    const path = await file('leads.xls', '<html><body><table><tr><td>ID</td></tr></table></body></html>');

    await expect(openTable(path, 'leads.xls')).rejects.toThrow('выгрузите список в CSV');
  });

  it('refuses KOI8-R text rather than reading it as Windows-1251', async () => {
    const path = await file(
      'koi8.csv',
      iconv.encode('Имя;Фамилия;Комментарий\nИван;Петров;просил перезвонить завтра утром\n', 'koi8-r'),
    );

    await expect(openTable(path, 'koi8.csv')).rejects.toMatchObject({ code: 'import.unreadable_csv' });
  });

  it('refuses a UTF-8 file whose later part is not UTF-8', async () => {
    const good = 'Имя;Комментарий\n' + 'Иван;хороший текст\n'.repeat(5000);
    const path = await file(
      'mixed.csv',
      Buffer.concat([Buffer.from(good), iconv.encode('Пётр;плохой текст\n', 'windows-1251')]),
    );
    const table = await openTable(path, 'mixed.csv');

    await expect(allRows(table)).rejects.toMatchObject({ code: 'import.unreadable_csv' });
  });

  it('refuses a first row with no names in it', async () => {
    const path = await file(
      'no-header.csv',
      '101;+7 495 000-00-00;03.02.2025\n102;+7 495 000-00-01;04.02.2025\n',
    );

    await expect(openTable(path, 'no-header.csv')).rejects.toMatchObject({ code: 'import.no_header' });
  });

  it('refuses too many columns and a cell that is too long, naming the line', async () => {
    const wide = Array.from({ length: importLimits.columns + 1 }, (_, index) => `Колонка ${index}`).join(';');
    const widePath = await file('wide.csv', `${wide}\n1;2\n`);
    const longPath = await file(
      'long.csv',
      `Имя;Комментарий\nИван;короткий\nАнна;${'я'.repeat(importLimits.cellChars + 1)}\n`,
    );

    await expect(openTable(widePath, 'wide.csv')).rejects.toMatchObject({ code: 'import.too_many_columns' });
    await expect(allRows(await openTable(longPath, 'long.csv'))).rejects.toThrow('В строке 3, колонке 2');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(dir, 'huge.csv');
    await writeFile(path, '');
    const { truncate } = await import('node:fs/promises');
    await truncate(path, importLimits.fileBytes + 1);

    await expect(openTable(path, 'huge.csv')).rejects.toMatchObject({ code: 'import.file_too_large' });
  });
});

describe('openTable on XLSX', () => {
  it('reads the first sheet: Excel row numbers, dates, numbers without noise, rich text and formulas as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Сделки');
    workbook.addWorksheet('Второй лист').addRow(['не читается']);
    sheet.addRow([
      'ID',
      'Название сделки',
      'Стадия сделки',
      'Сумма',
      'Дата создания',
      'Предполагаемая дата закрытия',
      'Комментарий',
    ]);
    sheet.addRow([
      1,
      'Аренда 1',
      'Новая',
      0.1 + 0.2,
      new Date(Date.UTC(2025, 1, 3, 19, 7)),
      new Date(Date.UTC(2025, 11, 31)),
      null,
    ]);
    sheet.addRow([]);
    sheet.addRow([
      2,
      { richText: [{ text: 'Склад ' }, { font: { bold: true }, text: 'ВЭД' }] },
      'Сделка успешна',
      { formula: 'D2*10', result: 3 },
      new Date(Date.UTC(2025, 1, 4)),
      { error: '#DIV/0!' },
      true,
    ]);
    sheet.getCell('E2').numFmt = 'dd.mm.yyyy hh:mm';
    sheet.getCell('F2').numFmt = 'dd.mm.yyyy';
    sheet.getCell('E4').numFmt = 'dd.mm.yyyy';
    const path = join(dir, 'deals.xlsx');
    await workbook.xlsx.writeFile(path);

    const table = await openTable(path, 'deals.xlsx');

    expect(table.detected).toEqual({ format: 'xlsx', encoding: null, delimiter: null, sheet: 'Сделки' });
    expect(table.headers[1]).toBe('Название сделки');
    expect(await allRows(table)).toEqual([
      { line: 2, cells: ['1', 'Аренда 1', 'Новая', '0.3', '03.02.2025 19:07', '31.12.2025'] },
      { line: 4, cells: ['2', 'Склад ВЭД', 'Сделка успешна', '3', '04.02.2025', '#DIV/0!', 'Да'] },
    ]);
  });

  it('reads a hand-made sheet whose header is not on the first row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист1');
    sheet.getCell('B3').value = '  ФИО клиента ';
    sheet.getCell('C3').value = 'Тел.';
    sheet.getCell('D3').value = 'Эл. почта';
    sheet.getCell('B4').value = 'Иванов Иван';
    sheet.getCell('C4').value = 79161234567;
    sheet.getCell('D4').value = { text: 'ivan@example.ru', hyperlink: 'mailto:ivan@example.ru' };
    const path = join(dir, 'hand-made.xlsx');
    await workbook.xlsx.writeFile(path);

    const table = await openTable(path, 'clients.xlsx');

    expect(table.headers).toEqual(['', 'ФИО клиента', 'Тел.', 'Эл. почта']);
    expect(await allRows(table)).toEqual([
      { line: 4, cells: ['', 'Иванов Иван', '79161234567', 'ivan@example.ru'] },
    ]);
  });

  it('reads a workbook with inline texts and no shared-strings part, without a temporary file', async () => {
    const ours = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = await ours();

    const table = await openTable(fixture('inline-strings.xlsx'), 'contacts.xlsx');
    // A preview stops early: exceljs must read the sheet in place, not spool it to a file.
    for await (const row of table.rows()) {
      expect(row.line).toBe(2);
      break;
    }

    expect(table.detected).toEqual({ format: 'xlsx', encoding: null, delimiter: null, sheet: 'Контакты' });
    expect(table.headers).toEqual(['Имя', 'Фамилия', 'Мобильный телефон']);
    expect(await allRows(table)).toEqual([
      { line: 2, cells: ['Алексей', 'Фёдоров', '+7 916 000-11-22'] },
      { line: 3, cells: ['Ольга', 'Соколова & партнёры', '79263334455'] },
    ]);
    expect(await ours()).toEqual(before);
  });

  it('refuses a workbook whose first sheet is empty, naming the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Лист1');
    workbook.addWorksheet('Лиды').addRow(['Имя', 'Телефон']);
    const path = join(dir, 'first-empty.xlsx');
    await workbook.xlsx.writeFile(path);

    const opening = openTable(path, 'leads.xlsx');

    await expect(opening).rejects.toMatchObject({
      code: 'import.empty_file',
      message: expect.stringContaining('Лист «Лист1» пуст'),
    });
  });

  it('reads a sheet stored before its shared strings without leaving it in a temporary file', async () => {
    // exceljs' streaming writer stores sheets first, as some other programs do.
    const path = join(dir, 'sheets-first.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const sheet = workbook.addWorksheet('Контакты');
    sheet.addRow(['Имя', 'Фамилия']).commit();
    for (let index = 0; index < 100; index += 1) sheet.addRow([`Имя ${index}`, 'Петров']).commit();
    sheet.commit();
    const second = workbook.addWorksheet('Справочник');
    second.addRow(['Не читается']).commit();
    second.commit();
    await workbook.commit();
    const ours = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = await ours();

    const table = await openTable(path, 'contacts.xlsx');
    const firstRows: TableRow[] = [];
    for await (const row of table.rows()) {
      firstRows.push(row);
      if (firstRows.length === 20) break;
    }
    const rows = await allRows(table);

    expect(table.detected.sheet).toBe('Контакты');
    expect(firstRows[19]).toEqual({ line: 21, cells: ['Имя 19', 'Петров'] });
    expect(rows).toHaveLength(100);
    expect(rows.some((row) => row.cells.includes('Не читается'))).toBe(false);
    expect(await ours()).toEqual(before);
  });
});
