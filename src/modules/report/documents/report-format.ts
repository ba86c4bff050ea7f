import { formatCount, formatDate, formatMoney } from '../../../common/ru-format.js';

/**
 * What only the reports write: periods, month names, durations and changes against the previous
 * period. Dates, moments, money, counts and rates come from src/common/ru-format.ts, as everywhere.
 */
const monthNames = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
];

export function formatPeriod(period: { start: string; end: string }): string {
  return period.start === period.end
    ? formatDate(period.start)
    : `${formatDate(period.start)} — ${formatDate(period.end)}`;
}

export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

/** Hours as `45 мин`, `3 ч 20 мин`, `2 дн. 4 ч`; «—» when there is no figure. */
export function formatHours(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return '—';
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${minutes} мин`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest ? `${Math.floor(minutes / 60)} ч ${rest} мин` : `${minutes / 60} ч`;
  }
  const wholeHours = Math.round(minutes / 60);
  const rest = wholeHours % 24;
  return rest ? `${Math.floor(wholeHours / 24)} дн. ${rest} ч` : `${wholeHours / 24} дн.`;
}

/** The change against the previous period: `+3`, `−2`, `без изменений`. */
export function formatDelta(current: number, previous: number): string {
  const difference = current - previous;
  if (difference === 0) return 'без изменений';
  return difference > 0 ? `+${formatCount(difference)}` : `−${formatCount(-difference)}`;
}

/** The change of a money figure: `+1 000,00 ₽`, `−500,00 ₽`, `без изменений` (exact, in kopecks). */
export function formatMoneyDelta(current: string, previous: string): string {
  const difference = toKopecks(current) - toKopecks(previous);
  if (difference === 0n) return 'без изменений';
  const sign = difference > 0n ? '+' : '−';
  const absolute = difference > 0n ? difference : -difference;
  return `${sign}${formatMoney(`${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`)}`;
}

function toKopecks(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return 0n;
  const kopecks = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0').slice(0, 2));
  return match[1] ? -kopecks : kopecks;
}

/** For charts: a decimal string as a number of rubles (precision beyond a pixel does not matter). */
export function moneyAsNumber(value: string): number {
  return Number(value) || 0;
}
