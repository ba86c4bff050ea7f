import { open, stat } from 'node:fs/promises';

import chardet from 'chardet';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

import type { DetectedFile } from './import-contract.js';
import { importRefusal } from './import-errors.js';
import { importLimits, megabytes } from './import-limits.js';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';

/**
 * What a file is, found from its content (never its name): XLSX by the ZIP signature and the parts
 * inside; otherwise a CSV whose encoding and delimiter are detected here and shown to the user
 * (`describeDetected`). Anything else is refused with a Russian message saying what it looks like.
 */

/** Enough for a few dozen rows of a wide export. */
export const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [';', ',', '\t'] as const;
const SAMPLE_RECORDS = 50;

export async function detectFile(filePath: string, originalName?: string): Promise<DetectedFile> {
  const { size } = await stat(filePath);
  if (size === 0) throw importRefusal('import.empty_file', 'Файл пустой: в нём нет ни одной строки.');
  if (size > importLimits.fileBytes) {
    throw importRefusal(
      'import.file_too_large',
      `Файл больше ${megabytes(importLimits.fileBytes)}: разделите его на несколько файлов поменьше.`,
    );
  }
  const file = await open(filePath, 'r');
  try {
    const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    await file.read(sample, 0, sample.length, 0);
    if (sample.readUInt32LE(0) === 0x04034b50 || sample.readUInt32LE(0) === 0x06054b50) {
      const directory = await readZipDirectory(file, size);
      if (!directory.ok) {
        if (directory.reason === 'zip64') throw zipBomb();
        throw importRefusal(
          'import.broken_xlsx',
          'Файл Excel повреждён или загружен не полностью. Откройте его в Excel, сохраните заново как XLSX и загрузите ещё раз.',
        );
      }
      checkXlsxParts(directory.entries, originalName);
      return { format: 'xlsx', encoding: null, delimiter: null, sheet: null };
    }
    const foreign = foreignType(sample);
    if (foreign) {
      throw wrongType(foreign, originalName);
    }
    const whole = size <= sample.length;
    const encoding = detectEncoding(sample, whole);
    const text = decodeSample(sample, encoding, whole);
    if (text.trim() === '' && whole)
      throw importRefusal('import.empty_file', 'Файл пустой: в нём нет ни одной строки.');
    return { format: 'csv', encoding, delimiter: detectDelimiter(text), sheet: null };
  } finally {
    await file.close();
  }
}

/** «CSV, кодировка Windows-1251, разделитель «;»», «Excel (XLSX), лист «Сделки»». */
export function describeDetected(detected: DetectedFile): string {
  if (detected.format === 'xlsx') {
    return detected.sheet === null ? 'Excel (XLSX)' : `Excel (XLSX), лист «${detected.sheet}»`;
  }
  const encoding = {
    'utf-8': 'UTF-8',
    'utf-8-bom': 'UTF-8 с BOM',
    'windows-1251': 'Windows-1251',
  }[detected.encoding ?? 'utf-8'];
  const delimiter = detected.delimiter === '\t' ? 'табуляция' : `«${detected.delimiter ?? ';'}»`;
  return `CSV, кодировка ${encoding}, разделитель ${delimiter}`;
}

function zipBomb() {
  return importRefusal(
    'import.zip_bomb',
    'Файл Excel распаковывается в недопустимо большой объём — такой файл не читается. Сохраните таблицу заново в Excel или выгрузите её в CSV.',
  );
}

function wrongType(what: string, originalName: string | undefined) {
  const file = originalName ? `Файл «${originalName}» — это` : 'Это';
  return importRefusal(
    'import.wrong_type',
    `${file} ${what}, а не таблица: загрузите файл CSV или XLSX (Excel).`,
  );
}

function checkXlsxParts(entries: ZipEntry[], originalName: string | undefined): void {
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('xl/workbook.xml')) {
    const what = names.has('word/document.xml')
      ? 'документ Word (DOCX)'
      : [...names].some((name) => name.startsWith('ppt/'))
        ? 'презентация PowerPoint (PPTX)'
        : names.has('content.xml')
          ? 'документ OpenDocument (ODS/ODT) — сохраните его как XLSX'
          : 'ZIP-архив';
    throw wrongType(what, originalName);
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (
      entry.uncompressedSize > importLimits.xlsxRatioCheckedFromBytes &&
      ratio > importLimits.xlsxPartRatio
    ) {
      throw zipBomb();
    }
  }
  if (total > importLimits.xlsxUncompressedBytes) throw zipBomb();
}

const SIGNATURES: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF-документ'],
  [[0x89, 0x50, 0x4e, 0x47], 'картинка PNG'],
  [[0xff, 0xd8, 0xff], 'картинка JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'картинка GIF'],
  [
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    'файл старого формата Office (XLS или DOC) — сохраните его как XLSX',
  ],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'документ RTF'],
  [[0x52, 0x61, 0x72, 0x21], 'архив RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'архив 7z'],
  [[0x1f, 0x8b], 'архив GZIP'],
];

/** What a non-table file is, in Russian; null for text that may be a CSV. */
function foreignType(sample: Buffer): string | null {
  for (const [bytes, what] of SIGNATURES) {
    if (bytes.every((byte, index) => sample[index] === byte)) return what;
  }
  if (
    sample.subarray(0, 4).toString('latin1') === 'RIFF' &&
    sample.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'картинка WebP';
  }
  const start = sample
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<table')) {
    // Bitrix24's «Экспорт в Excel» is an HTML table named .xls.
    return 'HTML-страница (так Битрикс24 выгружает «Excel»; выгрузите список в CSV или откройте файл в Excel и сохраните как XLSX)';
  }
  if (start.startsWith('<?xml')) return 'XML-документ';
  if (sample[0] === 0xff && sample[1] === 0xfe) return null; // UTF-16: refused by detectEncoding, with advice.
  if (sample[0] === 0xfe && sample[1] === 0xff) return null;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return 'двоичный файл';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
  }
  return control > sample.length / 100 ? 'двоичный файл' : null;
}

type Encoding = NonNullable<DetectedFile['encoding']>;

function detectEncoding(sample: Buffer, whole: boolean): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw importRefusal(
      'import.unreadable_csv',
      'Файл в кодировке UTF-16 («Текст Юникод» в Excel). Сохраните его как «CSV UTF-8» или XLSX и загрузите ещё раз.',
    );
  }
  try {
    // `stream: !whole`: a character cut by the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !whole });
    return 'utf-8';
  } catch {
    // Not UTF-8: a single-byte encoding, which only chardet can tell.
  }
  const guess = chardet.analyse(sample)[0];
  const cyrillic = guess?.name === 'windows-1251' || guess?.lang === 'ru';
  if (cyrillic && looksLikeRussian(iconv.decode(sample, 'windows-1251'))) return 'windows-1251';
  const seen = guess ? ` (похоже на ${guess.name})` : '';
  throw importRefusal(
    'import.unreadable_csv',
    `Не удалось определить кодировку файла${seen}: читаются UTF-8 и Windows-1251. ` +
      'Сохраните файл как «CSV UTF-8» или XLSX и загрузите ещё раз.',
  );
}

/**
 * Text in Windows-1251 is mostly lower-case Cyrillic; KOI8-R or ISO-8859-5 read as Windows-1251
 * turns into upper-case letters and symbols.
 */
function looksLikeRussian(text: string): boolean {
  const lower = text.match(/[а-яё]/g)?.length ?? 0;
  const upper = text.match(/[А-ЯЁ]/g)?.length ?? 0;
  return lower + upper > 0 && lower >= upper;
}

function decodeSample(sample: Buffer, encoding: Encoding, whole: boolean): string {
  const text = iconv.decode(sample, encoding === 'windows-1251' ? 'windows-1251' : 'utf-8');
  if (whole) return text;
  // Drop the line cut by the end of the sample.
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return lastBreak > 0 ? text.slice(0, lastBreak) : text;
}

/**
 * The delimiter that splits the first records into the same number of columns as the header
 * (quotes respected); `;` — Bitrix24's own — when none splits the header at all.
 */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  let best: { delimiter: ';' | ',' | '\t'; consistency: number; columns: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = sampleColumnCounts(text, delimiter);
    const columns = counts[0] ?? 0;
    if (columns < 2) continue;
    const consistency = counts.filter((count) => count === columns).length / counts.length;
    if (
      !best ||
      consistency > best.consistency ||
      (consistency === best.consistency && columns > best.columns)
    ) {
      best = { delimiter, consistency, columns };
    }
  }
  return best?.delimiter ?? ';';
}

function sampleColumnCounts(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  try {
    parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to: SAMPLE_RECORDS,
      on_record: (record: string[]) => {
        if (record.some((cell) => cell.trim() !== '')) counts.push(record.length);
        return null;
      },
    });
  } catch {
    // A quote left open by the sample's end: the records before it decide.
  }
  return counts;
}
