/**
 * The moments that bound a report period in SQL: `$1` = the first day of the previous period,
 * `$2` = the first day of the period, `$3` = its last day (Moscow dates). `ps`, `s`, `e` are the
 * Moscow midnights that start the previous period, start the period and end it.
 */
export const PERIOD_BOUNDS = `bounds AS (
  SELECT ($1::date)::timestamp AT TIME ZONE 'Europe/Moscow' AS ps,
         ($2::date)::timestamp AT TIME ZONE 'Europe/Moscow' AS s,
         ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow' AS e)`;

/** `column` in the period (`current`) or in the previous one (`previous`). */
export const inPeriod = (column: string) => `${column} >= bounds.s AND ${column} < bounds.e`;
export const inPrevious = (column: string) => `${column} >= bounds.ps AND ${column} < bounds.s`;
export const inBoth = (column: string) => `${column} >= bounds.ps AND ${column} < bounds.e`;

/** Counts of a filtered set in the period and the previous one, as `current` and `previous`. */
export const countBoth = (column: string, expression = '*') =>
  `count(${expression}) FILTER (WHERE ${inPeriod(column)})::int AS current,
   count(${expression}) FILTER (WHERE ${inPrevious(column)})::int AS previous`;
