import ExcelJS from 'exceljs';

import { formatDate, moscowToday } from '../../common/ru-format.js';
import type { RefusedLine } from './import.repository.js';

/** Refused lines read at a time. */
const PAGE = 1_000;

/** The refused lines after `afterLine`, by line, at most `limit` of them. */
export type RefusedPage = (afterLine: number, limit: number) => Promise<RefusedLine[]>;

/** «Ошибки импорта — leads.csv — 05.12.2026.xlsx», or «Ошибки проверки — …» of a check. */
export function errorsFileName(
  fileName: string,
  of: 'import' | 'check' = 'import',
  now = new Date(),
): string {
  return `Ошибки ${of === 'check' ? 'проверки' : 'импорта'} — ${fileName} — ${formatDate(moscowToday(now))}.xlsx`;
}

/**
 * «Скачать ошибки»: the refused rows as they were read, under the file's own headers, with a
 * «Причина» column — fixed, the file imports again. The rows come from `refused`: the import's
 * ledger or the last check's errors. Streamed (exceljs' writer, inline strings), a page of rows in
 * memory at a time. Cells are written as text, so a formula in the file stays inert.
 */
export async function writeErrorsWorkbook(
  refused: RefusedPage,
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
    const page = await refused(after, PAGE);
    for (const row of page) {
      const cells = headers.map((_, index) => row.cells[index] ?? '');
      sheet.addRow([...cells, row.text]).commit();
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].line;
  }
  sheet.commit();
  await workbook.commit();
}
