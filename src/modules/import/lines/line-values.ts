import { normalizeEmail, normalizePhone } from '../../../common/contact-values.js';
import { cleanText } from '../../../common/input-values.js';
import { parseDate } from '../../../common/ru-format.js';
import { innError } from '../../client/inn.js';
import type { MappedRow } from '../import-contract.js';

/**
 * A mapped row's cells as this CRM's values, by its own input rules (phones in E.164, e-mails in
 * lower case, the INN's check digits, dates as people and Bitrix24 write them). A value that
 * cannot be one refuses the row with a reason a manager can act on (RowRefusal).
 */

/** A row refused before anything is written; the writer answers it as `refused`. */
export class RowRefusal extends Error {}

export const refuse = (reason: string): never => {
  throw new RowRefusal(reason);
};

/** The field's first cell, cleaned; null when empty. */
export function first(row: MappedRow, key: string): string | null {
  const value = row.values[key]?.[0];
  if (value === undefined) return null;
  const text = cleanText(value);
  return text === '' ? null : text;
}

/** Every cell of the field, cleaned, in column order. */
export function every(row: MappedRow, key: string): string[] {
  return (row.values[key] ?? []).map(cleanText).filter((value) => value !== '');
}

/** The field's first cell, refused when longer than `limit`. */
export function text(row: MappedRow, key: string, label: string, limit: number): string | null {
  const value = first(row, key);
  if (value !== null && value.length > limit)
    refuse(`поле «${label}» длиннее ${limit} символов — сократите его`);
  return value;
}

/** «Фамилия Имя Отчество» of a row's person, or null when none is given. */
export function personName(row: MappedRow): string | null {
  const parts = ['lastName', 'firstName', 'middleName'].map((key) => first(row, key)).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The row's phones in E.164, each once; a cell that is not a phone refuses the row. Cells may hold several («…, …»). */
export function phones(row: MappedRow): string[] {
  const found = new Set<string>();
  for (const cell of every(row, 'phone')) {
    for (const part of cell
      .split(/[,;]/)
      .map((value) => value.trim())
      .filter(Boolean)) {
      const phone = normalizePhone(part);
      if (!phone) refuse(`телефон «${part}» не распознан — укажите номер, например +7 495 123-45-67`);
      else found.add(phone);
    }
  }
  return [...found];
}

/** The row's e-mails in lower case, each once; a cell that is not one refuses the row. */
export function emails(row: MappedRow): string[] {
  const found = new Set<string>();
  for (const cell of every(row, 'email')) {
    for (const part of cell.split(/[,;\s]+/).filter(Boolean)) {
      const email = normalizeEmail(part);
      if (!email || email.length > 254)
        refuse(`эл. почта «${part}» не распознана — укажите адрес вида ivanov@example.ru`);
      else found.add(email);
    }
  }
  return [...found];
}

/** The INN by the card's rule (10 or 12 digits, check digits); spaces ignored. */
export function inn(row: MappedRow): string | null {
  const raw = first(row, 'inn');
  if (raw === null) return null;
  const value = raw.replace(/\s/g, '');
  const problem = innError(value);
  if (problem) refuse(`ИНН «${raw}»: ${lowerFirst(problem)}`);
  return value;
}

/** A Bitrix24 ID (at most 50 characters), or null. */
export function bitrixId(row: MappedRow, key = 'bitrixId'): string | null {
  const value = first(row, key);
  if (value !== null && value.length > 50)
    refuse(`ID в Битрикс24 «${value.slice(0, 20)}…» длиннее 50 символов`);
  return value;
}

/**
 * A moment as Bitrix24 exports it (`05.12.2026 14:02:00`, `05.12.2026`, `2026-12-05 14:02`), in
 * Moscow time; null when the cell is empty.
 */
export function moment(row: MappedRow, key: string, label: string): { at: Date; day: string } | null {
  const raw = first(row, key);
  if (raw === null) return null;
  const parts = /^(\S+)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw);
  const day = parts ? parseDate(parts[1]) : undefined;
  if (!parts || !day) return refuse(`поле «${label}»: дата «${raw}» не распознана — ожидается ДД.ММ.ГГГГ`);
  const [hours, minutes, seconds] = [parts[2], parts[3], parts[4]].map((value) => Number(value ?? 0));
  if (hours > 23 || minutes > 59 || seconds > 59)
    return refuse(`поле «${label}»: время в «${raw}» не распознано`);
  const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return { at: new Date(`${day}T${time}+03:00`), day };
}

/** A sum as people write it (`1 234 567,89`, `1234567.89`), as a decimal string with two digits at most. */
export function amount(row: MappedRow, key: string, label: string): string | null {
  const raw = first(row, key);
  if (raw === null) return null;
  const value = raw.replace(/[\s\u00a0]|руб\.?|₽/gi, '').replace(',', '.');
  if (!/^\d{1,14}(\.\d{1,2})?$/.test(value))
    return refuse(`поле «${label}»: сумма «${raw}» не распознана — ожидается число, например 150000,00`);
  return value;
}

const lowerFirst = (value: string) => value.charAt(0).toLowerCase() + value.slice(1);
