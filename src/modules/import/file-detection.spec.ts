import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { describeDetected, detectDelimiter, detectFile } from './file-detection.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-detect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A ZIP of deflated parts, as small as the format allows (no CRCs: nothing here checks them). */
function zip(parts: Record<string, Buffer>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(parts)) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0"?>${text}`);

describe('detectFile', () => {
  it('takes a ZIP with a workbook for XLSX, whatever the name says', async () => {
    const path = await file(
      'deals.csv',
      zip({ '[Content_Types].xml': xml('<Types/>'), 'xl/workbook.xml': xml('<workbook/>') }),
    );

    expect(await detectFile(path)).toEqual({ format: 'xlsx', encoding: null, delimiter: null, sheet: null });
  });

  it('refuses a zip bomb from its directory, before inflating anything', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const path = await file(
      'bomb.xlsx',
      zip({ 'xl/workbook.xml': xml('<workbook/>'), 'xl/worksheets/sheet1.xml': zeros }),
    );

    await expect(detectFile(path, 'bomb.xlsx')).rejects.toMatchObject({
      code: 'import.zip_bomb',
      status: 422,
    });
  });

  it('refuses a Word document and a plain ZIP, naming what they are', async () => {
    const docx = await file('letter.xlsx', zip({ 'word/document.xml': xml('<document/>') }));
    const archive = await file('photos.xlsx', zip({ 'photo.txt': Buffer.from('not a photo') }));

    await expect(detectFile(docx, 'letter.xlsx')).rejects.toThrow(
      'Файл «letter.xlsx» — это документ Word (DOCX)',
    );
    await expect(detectFile(archive)).rejects.toMatchObject({ code: 'import.wrong_type' });
  });

  it('refuses a ZIP cut short as a broken XLSX', async () => {
    const whole = zip({ 'xl/workbook.xml': xml('<workbook/>') });
    const path = await file('cut.xlsx', whole.subarray(0, whole.length - 30));

    await expect(detectFile(path)).rejects.toMatchObject({ code: 'import.broken_xlsx' });
  });

  it('refuses an old XLS and a binary file', async () => {
    const xls = await file(
      'old.xls',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100, 1)]),
    );
    const binary = await file('data.csv', Buffer.from([0x41, 0x42, 0x00, 0x01, 0x02]));

    await expect(detectFile(xls)).rejects.toThrow('старого формата Office');
    await expect(detectFile(binary)).rejects.toThrow('двоичный файл');
  });

  it('refuses UTF-16 with advice to save as CSV UTF-8', async () => {
    const path = await file(
      'unicode.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Имя\tТелефон\n', 'utf16le')]),
    );

    await expect(detectFile(path)).rejects.toMatchObject({ code: 'import.unreadable_csv' });
    await expect(detectFile(path)).rejects.toThrow('CSV UTF-8');
  });

  it('calls a file of blank lines empty', async () => {
    const path = await file('blank.csv', '\r\n  \r\n');

    await expect(detectFile(path)).rejects.toMatchObject({ code: 'import.empty_file' });
  });

  it('detects UTF-8 when the sample ends in the middle of a character', async () => {
    // «я» is two bytes; 64 KiB of them plus one byte puts a cut character at the sample's end.
    const path = await file('long.csv', `Имя;Комментарий\n${'Иван;'.padEnd(40, 'я')}\n`.repeat(3000));

    expect(await detectFile(path)).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits every row like the header', () => {
    expect(detectDelimiter('Имя;Адрес\nИван;Москва, ул. Ленина, 1\nАнна;Тверь, пр. Мира, 2')).toBe(';');
    expect(detectDelimiter('Name,Comment\nИван,"a; b; c"\nАнна,"d; e"')).toBe(',');
    expect(detectDelimiter('Имя\tТелефон\tГород\nИван\t+7 (495) 123-45-67\tМосква, центр')).toBe('\t');
  });

  it('respects quotes: a delimiter inside a quoted cell does not count', () => {
    expect(detectDelimiter('"a;b","c"\n"1;2","3"\n"4;5","6"')).toBe(',');
  });

  it('falls back to Bitrix24’s «;» for a single column', () => {
    expect(detectDelimiter('Телефоны\n+7 495 000-00-00\n+7 495 000-00-01')).toBe(';');
  });
});

describe('describeDetected', () => {
  it('says what was detected, in Russian', () => {
    expect(describeDetected({ format: 'csv', encoding: 'windows-1251', delimiter: ';', sheet: null })).toBe(
      'CSV, кодировка Windows-1251, разделитель «;»',
    );
    expect(describeDetected({ format: 'csv', encoding: 'utf-8-bom', delimiter: '\t', sheet: null })).toBe(
      'CSV, кодировка UTF-8 с BOM, разделитель табуляция',
    );
    expect(describeDetected({ format: 'xlsx', encoding: null, delimiter: null, sheet: 'Сделки' })).toBe(
      'Excel (XLSX), лист «Сделки»',
    );
  });
});
