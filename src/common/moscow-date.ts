import { DomainError } from './domain-error.js';

/** Today in Moscow, where the park is (YYYY-MM-DD). */
export function moscowToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(now);
}

export const DATE_FORMAT_ERROR = 'Укажите дату в формате ГГГГ-ММ-ДД';

/** A real calendar date written YYYY-MM-DD; undefined for anything else (2026-02-30 included). */
export function calendarDate(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : '';
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = parsed
    ? new Date(Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3])))
    : undefined;
  return date && date.toISOString().slice(0, 10) === text ? text : undefined;
}

/**
 * A date a person enters for something that happened («Дата обработки», «Дата события»): a real
 * calendar date (YYYY-MM-DD), not in the future; today (Moscow) when empty.
 */
export function parseProcessingDate(value: unknown, field: string, label: string): string {
  if (value === undefined || value === null || value === '') return moscowToday();
  const text = calendarDate(value);
  if (!text) {
    throw new DomainError(`Неверная дата: поле «${label}»`, 422, { [field]: DATE_FORMAT_ERROR });
  }
  if (text > moscowToday()) {
    throw new DomainError(`${label} не может быть в будущем`, 422, {
      [field]: `${label} не может быть в будущем`,
    });
  }
  return text;
}
