import { formatDate, formatDateTime, formatPhone, moscowToday } from '../../common/ru-format.js';
import type { CellKind, ExportColumn } from './export-columns.js';

/**
 * How a value read from the database becomes a cell: in the workbook dates are real Excel dates
 * (Moscow wall time: Excel's dates have no time zone) and amounts real numbers with Russian
 * formats; in CSV everything is text as Russian Excel reads it (`04.12.2026`, `1234,5`).
 */
export type ExportFormat = 'xlsx' | 'csv';

/** Excel's number formats (the workbook stores `,`/`.`; Russian Excel shows `1 234,56 ₽`). */
export const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  date: 'dd.mm.yyyy',
  dateTime: 'dd.mm.yyyy hh:mm',
  money: '#,##0.00 "₽"',
  area: '#,##0.00 "м²"',
  number: '#,##0.###',
};

const MOSCOW_OFFSET_MS = 3 * 3_600_000; // UTC+3 all year since 2014

const isEmpty = (value: unknown): value is null | undefined | '' =>
  value === null || value === undefined || value === '';

/** The value as text, an enumeration's value by its Russian name. */
function plainText(column: ExportColumn, value: unknown): string {
  const raw = value instanceof Date ? value.toISOString() : String(value);
  return column.values && Object.hasOwn(column.values, raw) ? column.values[raw] : raw;
}

/** A numeric value (PostgreSQL numeric and bigint come as strings); undefined when it is not one. */
function asNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** A moment as the Date whose UTC reading is Moscow's wall time (what Excel shows as it is). */
function moscowWallTime(value: unknown): Date | undefined {
  const moment = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(moment.getTime()) ? undefined : new Date(moment.getTime() + MOSCOW_OFFSET_MS);
}

/** A calendar date (`2026-12-04`) as a Date at UTC midnight (Excel's day, without a time). */
function calendarDay(value: unknown): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
}

/** The workbook cell of a value: a Date, a number, a text, or nothing. */
export function workbookCell(column: ExportColumn, value: unknown): string | number | Date | null {
  if (isEmpty(value)) return null;
  switch (column.kind) {
    case 'date':
      return calendarDay(value) ?? plainText(column, value);
    case 'dateTime':
      return moscowWallTime(value) ?? plainText(column, value);
    case 'money':
    case 'number':
    case 'area':
      return asNumber(value) ?? plainText(column, value);
    case 'phone':
      return formatPhone(String(value));
    case 'text':
      return plainText(column, value);
  }
}

/** The CSV text of a value (empty when there is none). */
export function csvCell(column: ExportColumn, value: unknown): string {
  if (isEmpty(value)) return '';
  switch (column.kind) {
    // A value that is not what its column promises comes out as its text: neutralised too.
    case 'date':
      return neutralised(formatDate(String(value)));
    case 'dateTime':
      return neutralised(formatDateTime(value instanceof Date ? value : String(value)));
    case 'money':
    case 'number':
    case 'area': {
      // Without grouping spaces, with a decimal comma: Russian Excel reads it as a number.
      const number = asNumber(value);
      return number === undefined
        ? neutralised(plainText(column, value))
        : String(value).trim().replace('.', ',');
    }
    case 'phone':
      return neutralised(formatPhone(String(value)));
    case 'text':
      return neutralised(plainText(column, value));
  }
}

/**
 * A text Excel would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first —
 * CSV injection) gets a leading apostrophe: Excel then shows it as the text it is.
 */
export function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV line: `;` between cells, quotes where a cell holds `;`, a quote or a line break; CRLF. */
export function csvLine(cells: string[]): string {
  return `${cells.map((cell) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(';')}\r\n`;
}

/** «Лиды 05.12.2026.xlsx»: the list's name and the Moscow day of the export. */
export function exportFileName(title: string, format: ExportFormat, now = new Date()): string {
  return `${title} ${formatDate(moscowToday(now))}.${format}`;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const isExportFormat = (value: unknown): value is ExportFormat => value === 'xlsx' || value === 'csv';
