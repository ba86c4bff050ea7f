import type { Period } from '../documents/report-data.js';

/**
 * The moments that bound a report period in SQL. Parameters: `$1` = the previous period as a
 * two-date array [first day, last day], `$2` = the first day of the period, `$3` = its last day
 * (Moscow dates). `ps`/`pe` start and end the previous period, `s`/`e` the period (Moscow
 * midnights; ends exclusive). The previous period is usually the one just before, of the same
 * length; the dashboard compares Monday–today with the same days a week earlier.
 */
export const PERIOD_BOUNDS = `bounds AS (
  SELECT (($1::date[])[1])::timestamp AT TIME ZONE 'Europe/Moscow' AS ps,
         (($1::date[])[2] + 1)::timestamp AT TIME ZONE 'Europe/Moscow' AS pe,
         ($2::date)::timestamp AT TIME ZONE 'Europe/Moscow' AS s,
         ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow' AS e)`;

/** The first and last day of the previous period, as dates (for date columns). */
export const PREVIOUS_FIRST_DAY = `($1::date[])[1]`;
export const PREVIOUS_LAST_DAY = `($1::date[])[2]`;

/** The first three parameters PERIOD_BOUNDS reads. */
export function periodParameters(period: Period, previous: Period): [string[], string, string] {
  return [[previous.start, previous.end], period.start, period.end];
}

/**
 * The same moments as expressions of the parameters. Filters use these, not the CTE's columns:
 * `timezone()` is immutable, so PostgreSQL folds them into constants when it plans the query
 * and can estimate rows and pick indexes (a CTE's columns are unknown to the planner).
 */
export const PREVIOUS_START_AT = `(($1::date[])[1])::timestamp AT TIME ZONE 'Europe/Moscow'`;
export const PREVIOUS_END_AT = `(($1::date[])[2] + 1)::timestamp AT TIME ZONE 'Europe/Moscow'`;
export const START_AT = `($2::date)::timestamp AT TIME ZONE 'Europe/Moscow'`;
export const END_AT = `($3::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow'`;

/** `column` in the period (`current`), in the previous one (`previous`), or in either. */
export const inPeriod = (column: string) => `${column} >= ${START_AT} AND ${column} < ${END_AT}`;
export const inPrevious = (column: string) =>
  `${column} >= ${PREVIOUS_START_AT} AND ${column} < ${PREVIOUS_END_AT}`;
/**
 * In either period. The previous period always begins first, so the span from its start to the
 * period's end comes first: one index range (an index-only scan where the index has the columns)
 * instead of two OR-ed ones, which PostgreSQL reads through the table (a bitmap scan).
 */
export const inBoth = (column: string) =>
  `(${column} >= ${PREVIOUS_START_AT} AND ${column} < ${END_AT} AND ((${inPrevious(column)}) OR (${inPeriod(column)})))`;

/** Counts of a filtered set in the period and the previous one, as `current` and `previous`. */
export const countBoth = (column: string, expression = '*') =>
  `count(${expression}) FILTER (WHERE ${inPeriod(column)})::int AS current,
   count(${expression}) FILTER (WHERE ${inPrevious(column)})::int AS previous`;
