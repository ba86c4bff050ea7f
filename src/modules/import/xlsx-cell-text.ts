import type { CellValue } from 'exceljs';

/**
 * A cell of an XLSX sheet as the text a person sees in Excel: dates «04.12.2026» (with «19:07» when
 * they have a time), numbers without floating-point noise (0.1 + 0.2 is «0.3»), rich text and the
 * results of formulas as their text, errors as Excel writes them («#N/A»).
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'Да' : 'Нет';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue | undefined);
  if ('hyperlink' in value) {
    // A hyperlink's text may itself be rich text.
    return cellText(value.text as CellValue);
  }
  return '';
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // 15 significant digits is what Excel itself shows; it drops the noise of binary fractions.
  const rounded = Number(value.toPrecision(15));
  return Math.abs(rounded) >= 1e21 ? rounded.toPrecision(15) : String(rounded);
}

const two = (part: number) => String(part).padStart(2, '0');

/**
 * exceljs gives Excel's wall-clock date and time as the UTC fields of a Date (an XLSX has no time
 * zone), so they are read back as UTC: what the sheet shows, wherever the server is.
 */
function dateText(value: Date): string {
  if (Number.isNaN(value.getTime())) return '';
  // Round to the minute: Excel stores times as fractions of a day, 19:07 may be 19:06:59.999.
  const moment = new Date(Math.round(value.getTime() / 60_000) * 60_000);
  const date = `${two(moment.getUTCDate())}.${two(moment.getUTCMonth() + 1)}.${moment.getUTCFullYear()}`;
  const time = `${two(moment.getUTCHours())}:${two(moment.getUTCMinutes())}`;
  return time === '00:00' ? date : `${date} ${time}`;
}
