import type { Period } from './documents/report-data.js';

/**
 * Calendar arithmetic on Moscow dates (YYYY-MM-DD strings, computed in UTC so no local time zone
 * or daylight saving can shift a day).
 */
export function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

export function daysInPeriod(period: Period): number {
  return (
    Math.round(
      (Date.parse(`${period.end}T00:00:00Z`) - Date.parse(`${period.start}T00:00:00Z`)) / 86_400_000,
    ) + 1
  );
}

/** The period of the same length just before: the figures each report compares with. */
export function previousPeriod(period: Period): Period {
  const length = daysInPeriod(period);
  return { start: addDays(period.start, -length), end: addDays(period.start, -1) };
}

/** The Monday–Sunday week that contains the date. */
export function weekOf(date: string): Period {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const start = addDays(date, -weekday);
  return { start, end: addDays(start, 6) };
}

/** The complete week before the one that contains the date (what Monday's committee discusses). */
export function weekBefore(date: string): Period {
  return previousPeriod(weekOf(date));
}

export function yearPeriod(year: number): Period {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}
