import { PassThrough, Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import type { ExportList } from './export-columns.js';
import { OutputClosedError, sheetEntry, writeExport, type ExportRow } from './export-writer.js';

const LIST: ExportList = {
  title: 'Лиды',
  table: 'lead',
  columns: [
    { header: 'ID', sql: 'record.id', kind: 'number' },
    { header: 'Создан', sql: 'record.created_at', kind: 'dateTime' },
    { header: 'Компания', sql: 'record.company', kind: 'text' },
  ],
};

async function* leads(count: number): AsyncGenerator<ExportRow> {
  for (let index = 1; index <= count; index += 1) {
    yield { c0: index, c1: new Date(Date.UTC(2026, 11, 4, 16, 7)), c2: `=HYPERLINK("http://x/${index}")` };
  }
}

describe('sheetEntry', () => {
  it('finds the ZIP entry exceljs writes a sheet into (the writer waits on it)', async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough().resume() });
    const sheet = workbook.addWorksheet('Лиды');
    sheet.addRow(['ID']).commit();
    // archiver opens the entry once it gets to it.
    for (let turn = 0; turn < 20 && !sheetEntry(sheet); turn += 1) await new Promise(setImmediate);

    const entry = sheetEntry(sheet);

    expect(entry).toBeDefined();
    expect(typeof entry!._writableState.length).toBe('number');
    sheet.commit();
    await workbook.commit();
  });
});

describe('writeExport', () => {
  it('writes every row of a workbook larger than the backlog it lets wait, formulas as text', async () => {
    const out = new PassThrough();
    const file = buffer(out);

    const written = await writeExport('xlsx', LIST, leads(20_000), out);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await file).buffer);
    const sheet = workbook.worksheets[0];
    expect(written).toBe(20_000);
    expect(sheet.rowCount).toBe(20_001);
    expect(sheet.getCell('A20001').value).toBe(20_000);
    expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 11, 4, 19, 7)));
    expect(sheet.getCell('C2').value).toBe('=HYPERLINK("http://x/1")');
    expect(sheet.getCell('C2').formula).toBeUndefined();
  });

  it('writes a CSV with a BOM, one line a row, and reports its progress', async () => {
    const out = new PassThrough();
    const file = buffer(out);
    const reported: number[] = [];

    const written = await writeExport('csv', LIST, leads(5_000), out, (rows) => {
      reported.push(rows);
    });

    const text = (await file).toString('utf8');
    const lines = text.split('\r\n');
    expect(written).toBe(5_000);
    expect(text.startsWith('\ufeffID;Создан;Компания\r\n')).toBe(true);
    expect(lines).toHaveLength(5_002); // the header, the rows and the empty tail after the last CRLF
    expect(lines[1]).toBe('1;04.12.2026, 19:07;"\'=HYPERLINK(""http://x/1"")"');
    expect(reported.at(-1)).toBe(5_000);
  });

  it('stops when the reader goes away', async () => {
    const out = new Writable({
      highWaterMark: 1024,
      write: (_chunk, _encoding, callback) => setTimeout(callback, 5),
    });
    let destroyed = false;

    const writing = writeExport('csv', LIST, leads(200_000), out, (rows) => {
      if (rows > 0 && !destroyed) {
        destroyed = true;
        out.destroy();
      }
    });

    await expect(writing).rejects.toBeInstanceOf(OutputClosedError);
  });
});
