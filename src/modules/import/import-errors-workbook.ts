import ExcelJS from 'exceljs';

import { formatDate, moscowToday } from '../../common/ru-format.js';
import type { ImportRepository } from './import.repository.js';

/** Refused lines read from the ledger at a time. */
const PAGE = 1_000;

/** «Ошибки импорта — leads.csv — 05.12.2026.xlsx». */
export function errorsFileName(fileName: string, now = new Date()): string {
  return `Ошибки импорта — ${fileName} — ${formatDate(moscowToday(now))}.xlsx`;
}

/**
 * «Скачать ошибки»: the refused rows as they were read, under the file's own headers, with a
 * «Причина» column — fixed, the file imports again. Streamed (exceljs' writer, inline strings),
 * a page of the ledger in memory at a time. Cells are written as text, so a formula in the file
 * stays inert.
 */
export async function writeErrorsWorkbook(
  repository: ImportRepository,
  jobId: number,
  headers: readonly string[],
  out: NodeJS.WritableStream,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as NodeJS.WritableStream & import('node:stream').Writable,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kosino CRM';
  const sheet = workbook.addWorksheet('Ошибки', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...headers, 'Причина']);
  header.font = { bold: true };
  header.commit();
  let after = 0;
  for (;;) {
    const page = await repository.refusedLines(jobId, after, PAGE);
    for (const refused of page) {
      const cells = headers.map((_, index) => refused.cells[index] ?? '');
      sheet.addRow([...cells, refused.text]).commit();
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].line;
  }
  sheet.commit();
  await workbook.commit();
}
