import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

import ExcelJS from 'exceljs';

import { csvCell, csvLine, NUMBER_FORMATS, workbookCell, type ExportFormat } from './export-cells.js';
import type { ExportList } from './export-columns.js';

/**
 * The longest the writer runs without letting other requests in (ms). Formatting a row costs
 * 0.1–0.3 ms: a fixed count of rows between two yields (500 before) held the event loop for up to
 * 150 ms at a time, and a list page, which needs several turns of the loop, waited that long at
 * each of them.
 */
const SLICE_MS = 5;
/** Bytes of CSV gathered before they are written to the output. */
const CSV_CHUNK = 64 * 1024;
/**
 * Uncompressed sheet XML allowed to wait for the ZIP compressor before the writer waits for it;
 * see sheetEntry.
 */
const SHEET_BACKLOG = 1024 * 1024;
/** Excel's UTF-8 mark: without it old Excel reads the CSV as Windows-1251. */
const BOM = '\ufeff';

export type ExportRow = Record<string, unknown>;

/**
 * Writes the list's rows to `out` as a workbook or a CSV file, row by row: what is held in memory
 * is a cursor batch, a chunk, and what the output (and, for a workbook, the ZIP compressor) has
 * not taken yet — the writer waits for both to drain — however many rows there are. It never runs
 * longer than SLICE_MS without yielding, so the back-office's other requests are served
 * meanwhile, and it reports how many rows are written at each yield. Columns are read by position
 * (`c0`, `c1`…).
 */
export async function writeExport(
  format: ExportFormat,
  list: ExportList,
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  progress: (written: number) => Promise<void> | void = () => undefined,
): Promise<number> {
  return format === 'xlsx' ? writeWorkbook(list, rows, out, progress) : writeCsv(list, rows, out, progress);
}

/** The reader went away (a closed download): the export stops. */
export class OutputClosedError extends Error {
  constructor() {
    super('The export output was closed before the export ended');
  }
}

/** Waits until the output has taken what it was given (or fails when it is closed meanwhile). */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new OutputClosedError());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new OutputClosedError());
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

/** Waits for `stream` to drain when more than `limit` bytes wait in it. */
async function emptied(stream: SheetEntry, limit: number): Promise<void> {
  if (stream._writableState.length > limit && !stream.destroyed) await once(stream, 'drain');
}

/** A clock of the writer's slice of the event loop. */
function slicer() {
  let began = performance.now();
  return {
    over: () => performance.now() - began >= SLICE_MS,
    restart: () => (began = performance.now()),
  };
}

async function pause(out: Writable, written: number, progress: (written: number) => Promise<void> | void) {
  await drained(out);
  await progress(written);
  await nextTurn();
}

/** exceljs' sheet stream (a StreamBuf), as far as sheetEntry reads it. */
interface SheetStream {
  pipes?: unknown[];
}

/**
 * archiver's entry for the sheet: a readable-stream 2 PassThrough, which has no `writableLength`
 * (what waits in it is its writable state's length).
 */
export interface SheetEntry extends NodeJS.EventEmitter {
  _writableState: { length: number };
  destroyed?: boolean;
}

/**
 * The ZIP entry exceljs writes the sheet's XML into (archiver's PassThrough to its compressor),
 * once archiver has opened it. exceljs' StreamBuf writes there without heeding `write()`'s
 * answer, and the compressor takes a chunk a turn of the event loop, so while rows are formatted
 * the uncompressed XML piled up there, all of it: the growth the first export measured (peak RSS
 * 603 MB at 300 000 rows). The writer waits on this entry itself. Not a public exceljs API:
 * export-writer.spec.ts fails if an upgrade changes it.
 */
export function sheetEntry(sheet: ExcelJS.Worksheet): SheetEntry | undefined {
  const pipe = (sheet as unknown as { stream?: SheetStream }).stream?.pipes?.[0] as
    Partial<SheetEntry> | undefined;
  return typeof pipe?._writableState?.length === 'number' && typeof pipe.once === 'function'
    ? (pipe as SheetEntry)
    : undefined;
}

async function writeWorkbook(
  list: ExportList,
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  progress: (written: number) => Promise<void> | void,
): Promise<number> {
  // Inline strings (no shared-string table kept in memory); styles for the number formats.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kosino CRM';
  const sheet = workbook.addWorksheet(list.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = list.columns.map((column, index) => ({
    header: column.header,
    key: `c${index}`,
    width: column.width ?? 20,
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  const slice = slicer();
  for await (const row of rows) {
    sheet.addRow(list.columns.map((column, index) => workbookCell(column, row[`c${index}`]))).commit();
    written += 1;
    if (slice.over()) {
      const entry = sheetEntry(sheet);
      if (entry) await emptied(entry, SHEET_BACKLOG);
      await pause(out, written, progress);
      slice.restart();
    }
  }
  sheet.commit();
  await workbook.commit();
  await progress(written);
  return written;
}

async function writeCsv(
  list: ExportList,
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  progress: (written: number) => Promise<void> | void,
): Promise<number> {
  out.write(BOM + csvLine(list.columns.map((column) => column.header)));
  let written = 0;
  let chunk = '';
  const slice = slicer();
  for await (const row of rows) {
    chunk += csvLine(list.columns.map((column, index) => csvCell(column, row[`c${index}`])));
    written += 1;
    if (chunk.length >= CSV_CHUNK) {
      out.write(chunk);
      chunk = '';
    }
    if (slice.over()) {
      await pause(out, written, progress);
      slice.restart();
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  await progress(written);
  return written;
}
