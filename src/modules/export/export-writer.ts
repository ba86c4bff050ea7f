import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

import ExcelJS from 'exceljs';

import { csvCell, csvLine, NUMBER_FORMATS, workbookCell, type ExportFormat } from './export-cells.js';
import type { ExportList } from './export-columns.js';

/** Rows between two looks at the output (room in it) and two yields to other requests. */
const BATCH = 500;
/** Excel's UTF-8 mark: without it old Excel reads the CSV as Windows-1251. */
const BOM = '\ufeff';

export type ExportRow = Record<string, unknown>;

/**
 * Writes the list's rows to `out` as a workbook or a CSV file, row by row: what is held in memory
 * is a batch and what the output has not taken yet (the writer waits for it to drain), however
 * many rows there are. Every BATCH rows it yields, so the back-office's other requests are served
 * meanwhile, and reports how many rows are written. Columns are read by position (`c0`, `c1`…).
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

async function pause(out: Writable, written: number, progress: (written: number) => Promise<void> | void) {
  await drained(out);
  await progress(written);
  await nextTurn();
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
  for await (const row of rows) {
    sheet.addRow(list.columns.map((column, index) => workbookCell(column, row[`c${index}`]))).commit();
    written += 1;
    if (written % BATCH === 0) await pause(out, written, progress);
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
  for await (const row of rows) {
    chunk += csvLine(list.columns.map((column, index) => csvCell(column, row[`c${index}`])));
    written += 1;
    if (written % BATCH === 0) {
      out.write(chunk);
      chunk = '';
      await pause(out, written, progress);
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  await progress(written);
  return written;
}
