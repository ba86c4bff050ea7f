import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Every date, time, amount, area, number and phone a person reads, in Russian: the back-office's
 * components, the report PDFs, the mails and the search all format through this file (it has no
 * Node-only imports, so the components bundle takes it as it is).
 *
 * - Dates `04.12.2026`; moments `04.12.2026, 19:07` in Moscow time, wherever the reader is. A
 *   calendar date (PostgreSQL `date`, `YYYY-MM-DD`) is never turned into a moment: no invented
 *   «03:00», no shift to the day before west of Moscow.
 * - Numbers group thousands with the no-break spaces `Intl` uses (`1 234 567,89 ₽`, `2 568 м²`),
 *   so a figure never breaks across lines; decimal strings (PostgreSQL `numeric`) are formatted
 *   exactly, without a trip through floating point.
 * - Phones `+7 (495) 230-27-72`; numbers of other countries in their international format.
 * - Nothing to show is «—»; a value that cannot be read is shown as it is rather than hidden.
 */

export const NOTHING = '—';

type Empty = null | undefined | '';
type Moment = string | number | Date;

const isEmpty = (value: unknown): value is Empty => value === null || value === undefined || value === '';

const MOSCOW = 'Europe/Moscow';
const moscowDateTime = new Intl.DateTimeFormat('ru-RU', {
  timeZone: MOSCOW,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const moscowDate = new Intl.DateTimeFormat('ru-RU', {
  timeZone: MOSCOW,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const isoMoscowDate = new Intl.DateTimeFormat('en-CA', { timeZone: MOSCOW });

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Only ISO moments are read: `new Date('04.12.2026')` would be the 12th of April.
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function asMoment(value: Moment): Date | undefined {
  if (typeof value === 'string' && !ISO_MOMENT.test(value)) return undefined;
  const moment = value instanceof Date ? value : new Date(value);
  return Number.isNaN(moment.getTime()) ? undefined : moment;
}

/**
 * `04.12.2026`: a calendar date (`2026-12-04`) as it is, a moment (ISO timestamp, Date) as its
 * Moscow date.
 */
export function formatDate(value: Moment | Empty): string {
  if (isEmpty(value)) return NOTHING;
  const calendar = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (calendar) return `${calendar[3]}.${calendar[2]}.${calendar[1]}`;
  const moment = asMoment(value);
  return moment ? moscowDate.format(moment) : String(value);
}

/** `04.12.2026, 19:07` in Moscow time; a calendar date stays a date (`04.12.2026`), with no time. */
export function formatDateTime(value: Moment | Empty): string {
  if (isEmpty(value)) return NOTHING;
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return formatDate(value);
  const moment = asMoment(value);
  return moment ? moscowDateTime.format(moment) : String(value);
}

/** The Moscow calendar date of a moment (today unless said), `YYYY-MM-DD` as a `date` column keeps it. */
export function moscowToday(now: Date = new Date()): string {
  return isoMoscowDate.format(now);
}

/**
 * A date as people type it — `04.12.2026`, `4.12.2026`, or `2026-12-04` — as `2026-12-04`;
 * undefined when it is not a real calendar date (31.02.2026 included).
 */
export function parseDate(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const typed = text.trim();
  const russian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(typed);
  const iso = russian ? `${russian[3]}-${russian[2].padStart(2, '0')}-${russian[1].padStart(2, '0')}` : typed;
  const parts = CALENDAR_DATE.exec(iso);
  if (!parts) return undefined;
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

const numbers = [0, 1, 2, 3].map(
  (digits) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits }),
);
const rubles = new Intl.NumberFormat('ru-RU', {
  style: 'currency',
  currency: 'RUB',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const wholeRubles = new Intl.NumberFormat('ru-RU', {
  style: 'currency',
  currency: 'RUB',
  maximumFractionDigits: 0,
});
const percent = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 1 });

/** A number or a decimal string as Intl takes it: strings are formatted exactly. */
type Amount = string | number;
const readable = (value: Amount): boolean =>
  typeof value === 'number' ? Number.isFinite(value) : /^\s*-?\d+(\.\d+)?\s*$/.test(value);
const exact = (value: Amount) => (typeof value === 'string' ? value.trim() : value) as unknown as number;

function formatWith(format: Intl.NumberFormat, value: Amount | Empty, suffix = ''): string {
  if (isEmpty(value)) return NOTHING;
  return readable(value) ? `${format.format(exact(value))}${suffix}` : String(value);
}

/** `150 000`, `12,5`: at most `fractionDigits` decimals (2 unless said), trailing zeros dropped. */
export function formatNumber(value: Amount | Empty, fractionDigits: 0 | 1 | 2 | 3 = 2): string {
  return formatWith(numbers[fractionDigits], value);
}

/** A count: `1 234`. */
export function formatCount(value: number): string {
  return formatNumber(value, 0);
}

/**
 * A count with its noun in the right form: `formatCountOf(21, ['строка', 'строки', 'строк'])` →
 * `21 строка`, `3 строки`, `1 234 строки`, `11 строк`.
 */
export function formatCountOf(value: number, [one, few, many]: readonly [string, string, string]): string {
  const tens = Math.abs(value) % 100;
  const units = tens % 10;
  const noun = tens >= 11 && tens <= 14 ? many : units === 1 ? one : units >= 2 && units <= 4 ? few : many;
  return `${formatCount(value)}\u00a0${noun}`;
}

/** Rubles and kopecks: `1 234 567,89 ₽`. */
export function formatMoney(value: Amount | Empty): string {
  return formatWith(rubles, value);
}

/** Rubles without kopecks, for headline figures (`1 335 202 773 ₽`). */
export function formatWholeRubles(value: Amount | Empty): string {
  return formatWith(wholeRubles, value);
}

/** An area in square metres: `2 568 м²`, `12,5 м²`. */
export function formatArea(value: Amount | Empty): string {
  return formatWith(numbers[2], value, '\u00a0м²');
}

/** `part / whole` as a percentage (`33,3 %`); «—» when there is nothing to divide. */
export function formatRate(part: number, whole: number): string {
  return whole > 0 ? percent.format(part / whole) : NOTHING;
}

/** The units of a client's «Товарооборот» (client.entity.ts `turnoverUnits`). */
const turnoverFormats: Record<string, (value: Amount) => string> = {
  thousand_tonnes: (value) => formatWith(numbers[3], value, '\u00a0тыс.\u00a0т'),
  rub: (value) => formatMoney(value),
};

/** «Товарооборот» with its unit: `150 000 тыс. т` or `150 000 000,00 ₽`. */
export function formatTurnover(value: Amount | Empty, unit: string | Empty): string {
  if (isEmpty(value)) return NOTHING;
  const format = unit ? turnoverFormats[unit] : undefined;
  return format ? format(value) : formatNumber(value, 3);
}

/**
 * A phone (stored in E.164) as people write it: `+7 (495) 230-27-72` for Russia and Kazakhstan,
 * other countries in their international format (`+49 30 12345678`). Plain spaces, so a copied
 * number pastes anywhere; the components keep it on one line.
 */
export function formatPhone(value: string | Empty): string {
  if (isEmpty(value)) return NOTHING;
  const russian = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(value);
  if (russian) return `+7 (${russian[1]}) ${russian[2]}-${russian[3]}-${russian[4]}`;
  const parsed = parsePhoneNumberFromString(value);
  return parsed?.isValid() ? parsed.formatInternational() : value;
}
