import { And, Equal, LessThan, LessThanOrEqual, Like, MoreThanOrEqual, type FindOperator } from 'typeorm';

import { normalizePhone } from '../common/contact-values.js';
import { moscowToday, parseDate } from '../common/ru-format.js';

/**
 * What a list filter means in people's terms, as a TypeORM condition (the stock adapter compares
 * JavaScript dates in the server's time zone and phones letter by letter):
 * - a date range is of days, both ends included; a day of a moment column is a Moscow day;
 * - a phone is found however it is typed (`8 (495) 230-27-72` is `+74952302772`), or by its digits.
 * Undefined when the value cannot be read: the adapter then answers as it always did (no rows).
 */

type Range = { from?: string; to?: string };

const MOMENT_TYPES = new Set(['timestamptz', 'timestamp', 'timestamp with time zone']);

/** The condition for a column's filter value (a text, or a range's ends), if it needs one of its own. */
export function typedCondition(
  column: { type: unknown; propertyName: string },
  value: string | Range,
): FindOperator<unknown> | undefined {
  if (typeof value === 'string') return column.propertyName === 'phone' ? phoneCondition(value) : undefined;
  if (column.type === 'date') return calendarRange(value);
  return MOMENT_TYPES.has(String(column.type)) ? momentRange(value) : undefined;
}

// Moscow has kept UTC+3 all year since 2014; the CRM's moments are all later than that.
const moscowMidnight = (day: string) => new Date(`${day}T00:00:00+03:00`);
const nextDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};

/** An end as typed in the filter (`2026-12-04`, `04.12.2026`) or linked (an ISO moment). */
function readEnd(value: string | undefined): { day: string } | { moment: Date } | undefined {
  if (!value) return undefined;
  const day = parseDate(value);
  if (day) return { day };
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? undefined : { moment };
}

/** A `date` column between two days (`2026-12-01` … `2026-12-04`, both included). */
export function calendarRange(range: Range): FindOperator<string> | undefined {
  const asDay = (value: string | undefined) => {
    const end = readEnd(value);
    return end && ('day' in end ? end.day : moscowToday(end.moment));
  };
  const from = asDay(range.from);
  const to = asDay(range.to);
  if ((range.from && !from) || (range.to && !to)) return undefined;
  if (from && to) return And(MoreThanOrEqual(from), LessThanOrEqual(to));
  if (from) return MoreThanOrEqual(from);
  return to ? LessThanOrEqual(to) : undefined;
}

/** A moment column between the start of one Moscow day and the end of another (or exact moments). */
export function momentRange(range: Range): FindOperator<Date> | undefined {
  const from = readEnd(range.from);
  const to = readEnd(range.to);
  if ((range.from && !from) || (range.to && !to)) return undefined;
  const lower = from && MoreThanOrEqual('day' in from ? moscowMidnight(from.day) : from.moment);
  const upper = to && ('day' in to ? LessThan(moscowMidnight(nextDay(to.day))) : LessThanOrEqual(to.moment));
  if (lower && upper) return And(lower, upper);
  return lower ?? upper;
}

/** A phone column (kept in E.164) as typed: the whole number in any format, or some of its digits. */
export function phoneCondition(typed: string): FindOperator<string> | undefined {
  const phone = normalizePhone(typed);
  if (phone) return Equal(phone);
  const digits = typed.replace(/\D/g, '');
  return digits ? Like(`%${digits}%`) : undefined;
}
