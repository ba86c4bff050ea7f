import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import { readZipDirectory } from './zip-directory.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function directoryOf(content: Buffer) {
  const path = join(dir, 'file.zip');
  await writeFile(path, content);
  const file = await open(path, 'r');
  try {
    return await readZipDirectory(file, content.length);
  } finally {
    await file.close();
  }
}

describe('readZipDirectory', () => {
  it('lists the parts of an XLSX written by Excel’s format, with their sizes', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Лист1').addRow(['Имя', 'Телефон']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const directory = await directoryOf(content);

    if (!directory.ok) throw new Error(`not read: ${directory.reason}`);
    const sheet = directory.entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(directory.entries.map((entry) => entry.name)).toContain('xl/workbook.xml');
    expect(sheet?.uncompressedSize).toBeGreaterThan(sheet?.compressedSize ?? Infinity);
  });

  it('says «not a zip» for text and «truncated» for a directory pointing past the end', async () => {
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46, 12);
    end.writeUInt32LE(1000, 16);

    expect(await directoryOf(Buffer.from('Имя;Телефон\n'))).toEqual({ ok: false, reason: 'not_zip' });
    expect(await directoryOf(end)).toEqual({ ok: false, reason: 'truncated' });
  });

  it('says «zip64» for sizes only ZIP64 can hold', async () => {
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 10);

    expect(await directoryOf(end)).toEqual({ ok: false, reason: 'zip64' });
  });
});
