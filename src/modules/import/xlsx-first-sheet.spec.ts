import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import { firstSheetStream } from './xlsx-first-sheet.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-sheet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The names in the local headers of a ZIP stream, in order. */
function partNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = zip.indexOf('PK\u0003\u0004'); at >= 0; at = zip.indexOf('PK\u0003\u0004', at + 4)) {
    const length = zip.readUInt16LE(at + 26);
    names.push(zip.toString('utf8', at + 30, at + 30 + length));
  }
  return names;
}

describe('firstSheetStream', () => {
  it('sends the workbook parts first, then the first sheet only', async () => {
    const workbook = new ExcelJS.Workbook();
    for (let index = 1; index <= 11; index += 1)
      workbook.addWorksheet(`Лист ${index}`).addRow([`лист ${index}`]);
    const path = join(dir, 'many.xlsx');
    await workbook.xlsx.writeFile(path);

    const stream = await firstSheetStream(path);

    const names = partNames(await buffer(stream!));
    expect(names).toEqual([
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
  });

  it('adds an empty shared-strings part to a workbook that has none (texts inline)', async () => {
    const path = join(process.cwd(), 'test/fixtures/import/inline-strings.xlsx');

    const zip = await buffer((await firstSheetStream(path))!);

    expect(partNames(zip)).toEqual([
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(zip.toString('utf8')).toContain('<sst xmlns=');
  });

  it('is null for a file that is not a ZIP or has no sheet', async () => {
    const text = join(dir, 'text.csv');
    await writeFile(text, 'Имя;Телефон\n');

    expect(await firstSheetStream(text)).toBeNull();
  });
});
