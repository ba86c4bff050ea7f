import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { CsvError, type Options as CsvOptions, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import { DomainError } from '../../common/domain-error.js';
import { formatCount } from '../../common/ru-format.js';
import { detectFile } from './file-detection.js';
import type { DetectedFile, OpenedTable, TableRow } from './import-contract.js';
import { importRefusal } from './import-errors.js';
import { importLimits } from './import-limits.js';
import { firstSheetStream } from './xlsx-first-sheet.js';
import { cellText } from './xlsx-cell-text.js';

/**
 * Opens a CSV or XLSX file for import: detects what it is, reads the header row and checks that
 * data follows. Every `rows()` is a new streamed pass over the file (csv-parse over an iconv-lite
 * decoder; exceljs' streaming reader), so memory stays bounded whatever the file's length. Blank
 * rows are skipped; a row's `line` is where the user finds it — Excel's row number for XLSX, the
 * first line of the record for CSV (a quoted cell may span several lines).
 */
export async function openTable(filePath: string, originalName: string): Promise<OpenedTable> {
  const detected = await detectFile(filePath, originalName);
  const pass = () =>
    detected.format === 'xlsx' ? xlsxRecords(filePath, detected) : csvRecords(filePath, detected);

  let header: TableRow | undefined;
  let hasData = false;
  for await (const record of pass()) {
    if (header) {
      hasData = true;
      break;
    }
    header = record;
  }
  if (!header) throw emptyRefusal(detected);
  const headers = headerNames(header);
  if (!hasData) {
    throw importRefusal(
      'import.empty_file',
      'В файле только строка заголовков — нет ни одной строки с данными.',
    );
  }

  return {
    detected,
    headers,
    async *rows() {
      let count = 0;
      let first = true;
      for await (const record of pass()) {
        if (first) {
          first = false;
          continue;
        }
        count += 1;
        if (count > importLimits.rows) {
          throw importRefusal(
            'import.too_many_rows',
            `В файле больше ${formatCount(importLimits.rows)} строк: разделите его на несколько файлов.`,
          );
        }
        yield record;
      }
    },
  };
}

/**
 * Nothing to read. In a workbook only the first sheet is read, so the refusal names it: the data
 * is often on another sheet of the same file.
 */
function emptyRefusal(detected: DetectedFile): DomainError {
  if (detected.format === 'xlsx' && detected.sheet) {
    return importRefusal(
      'import.empty_file',
      `Лист «${detected.sheet}» пуст: в нём нет ни одной заполненной строки. Читается только первый лист книги — ` +
        'перенесите данные на него (или удалите пустой лист), сохраните файл и загрузите ещё раз.',
    );
  }
  return importRefusal('import.empty_file', 'В файле нет ни одной заполненной строки.');
}

function headerNames(header: TableRow): string[] {
  const names = header.cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (!names.some((name) => /\p{L}/u.test(name))) {
    throw importRefusal(
      'import.no_header',
      `Строка ${header.line} не похожа на заголовки колонок (в ней нет названий, только числа или даты). ` +
        'Добавьте первой строкой названия колонок, например «Имя», «Телефон», «E-mail».',
    );
  }
  return names;
}

/** A record's cells checked against the limits; null when every cell is blank. */
function checkedRow(line: number, cells: string[]): TableRow | null {
  if (!cells.some((cell) => cell.trim() !== '')) return null;
  let length = cells.length;
  while (length > 0 && cells[length - 1].trim() === '') length -= 1;
  if (length > importLimits.columns) {
    throw importRefusal(
      'import.too_many_columns',
      `В строке ${line} заполнено ${length} колонок, а читается не больше ${importLimits.columns}. Удалите лишние колонки.`,
    );
  }
  const long = cells.findIndex((cell) => cell.length > importLimits.cellChars);
  if (long >= 0) {
    throw importRefusal(
      'import.cell_too_large',
      `В строке ${line}, колонке ${long + 1} слишком длинный текст: больше ${formatCount(importLimits.cellChars)} символов.`,
    );
  }
  return { line, cells: length === cells.length ? cells : cells.slice(0, length) };
}

const LINE_BREAK = /\r\n|\r|\n/g;

async function* csvRecords(filePath: string, detected: DetectedFile): AsyncGenerator<TableRow> {
  // The record's first line: csv-parse's own line count is off after CRLF inside quotes.
  let lastLine = 0;
  const options: CsvOptions<TableRow, string[]> = {
    delimiter: detected.delimiter ?? ';',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: importLimits.columns * importLimits.cellChars,
    on_record: (cells: string[]) => {
      const line = lastLine + 1;
      lastLine = line + cells.reduce((breaks, cell) => breaks + (cell.match(LINE_BREAK)?.length ?? 0), 0);
      return { line, cells };
    },
  };
  const parser = parse(options as unknown as CsvOptions);
  const done = pipeline(createReadStream(filePath), decoder(detected), parser);
  // Its failure is the iteration's, rethrown below; this only keeps it from being unhandled.
  done.catch(() => undefined);
  try {
    for await (const record of parser as AsyncIterable<TableRow>) {
      const row = checkedRow(record.line, record.cells);
      if (row) yield row;
    }
    await done;
  } catch (error) {
    throw csvRefusal(error, lastLine + 1);
  } finally {
    parser.destroy();
  }
}

function csvRefusal(error: unknown, line: number): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof CsvError) {
    if (error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_INVALID_CLOSING_QUOTE') {
      return importRefusal(
        'import.broken_quotes',
        `В строке ${line} не закрыта кавычка: текст ячейки начинается с «"», а закрывающей кавычки нет. ` +
          'Исправьте ячейку в Excel или в текстовом редакторе и загрузите файл ещё раз.',
        { line },
      );
    }
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return importRefusal(
        'import.cell_too_large',
        `Строка ${line} слишком длинная — скорее всего, в ней не закрыта кавычка, и всё дальше читается как одна ячейка.`,
        { line },
      );
    }
  }
  return importRefusal(
    'import.unreadable_csv',
    'Файл CSV не читается. Откройте его в Excel, сохраните как «CSV UTF-8» или XLSX и загрузите ещё раз.',
  );
}

function decoder(detected: DetectedFile): NodeJS.ReadWriteStream {
  if (detected.encoding === 'windows-1251') return iconv.decodeStream('windows-1251');
  // Fatal: bytes that are not UTF-8 later in the file are refused, not read as «�».
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const refuse = () =>
    importRefusal(
      'import.unreadable_csv',
      'Часть файла не в кодировке UTF-8, хотя начало — в ней. Сохраните весь файл как «CSV UTF-8» и загрузите ещё раз.',
    );
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, utf8.decode(chunk, { stream: true }));
      } catch {
        callback(refuse());
      }
    },
    flush(callback) {
      try {
        callback(null, utf8.decode());
      } catch {
        callback(refuse());
      }
    },
  });
}

async function* xlsxRecords(filePath: string, detected: DetectedFile): AsyncGenerator<TableRow> {
  const broken = () =>
    importRefusal(
      'import.broken_xlsx',
      'Файл Excel повреждён и не читается. Откройте его в Excel, сохраните заново как XLSX и загрузите ещё раз.',
    );
  const input = await firstSheetStream(filePath);
  if (!input) throw broken();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      // The sheet's name is known once the workbook part is read: it completes what was detected.
      detected.sheet = (sheet as unknown as { name?: string }).name ?? null;
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]));
        const checked = checkedRow(row.number, cells);
        if (checked) yield checked;
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw broken();
  } finally {
    input.destroy();
  }
}
