import { DomainError } from './domain-error.js';
import { moscowToday, parseDate } from './ru-format.js';

export { moscowToday };

export const DATE_FORMAT_ERROR = 'Укажите дату в формате ДД.ММ.ГГГГ';

/**
 * A real calendar date as people type it (`04.12.2026`) or as forms send it (`2026-12-04`), in the
 * form a `date` column keeps (`2026-12-04`); undefined for anything else (31.02.2026 included).
 */
export function calendarDate(value: unknown): string | undefined {
  return parseDate(value);
}

/**
 * A date a person enters for something that happened («Дата обработки», «Дата события»): a real
 * calendar date, not in the future; today (Moscow) when empty.
 */
export function parseProcessingDate(value: unknown, field: string, label: string): string {
  if (value === undefined || value === null || value === '') return moscowToday();
  const text = calendarDate(value);
  if (!text) {
    throw new DomainError('date.invalid', `Неверная дата: поле «${label}»`, {
      fields: { [field]: DATE_FORMAT_ERROR },
    });
  }
  if (text > moscowToday()) {
    throw new DomainError('date.in_future', `${label} не может быть в будущем`, {
      fields: { [field]: `${label} не может быть в будущем` },
    });
  }
  return text;
}
