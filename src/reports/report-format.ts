/**
 * Numbers, money, dates and durations the way a Russian reader expects them: `1 234 567,89 ₽`,
 * `12,5 %`, `27.11.2026`, `3 ч 20 мин`; dates and times in Moscow time. The spaces inside numbers
 * are the no-break spaces `Intl` uses, so a figure never breaks across lines.
 */
const integer = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const rubles = new Intl.NumberFormat('ru-RU', {
  style: 'currency',
  currency: 'RUB',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const percent = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 1 });
const moscowDateTime = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
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

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatDecimal(value: string | number): string {
  return decimal.format(value as number);
}

/** A decimal string (PostgreSQL numeric) in rubles; Intl formats the string exactly, without floats. */
export function formatMoney(value: string): string {
  return rubles.format(value as unknown as number);
}

const wholeRubles = new Intl.NumberFormat('ru-RU', {
  style: 'currency',
  currency: 'RUB',
  maximumFractionDigits: 0,
});

/** Rubles without kopecks, for the large figures at the top of a report (`1 335 202 773 ₽`). */
export function formatWholeRubles(value: string): string {
  return wholeRubles.format(value as unknown as number);
}

/** `part / whole` as a percentage; «—» when there is nothing to divide. */
export function formatRate(part: number, whole: number): string {
  return whole > 0 ? percent.format(part / whole) : '—';
}

/** A Moscow calendar date (YYYY-MM-DD) as `27.11.2026`. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** A moment (ISO timestamp) in Moscow time: `27.11.2026, 08:00`. */
export function formatMoment(isoMoment: string): string {
  return moscowDateTime.format(new Date(isoMoment));
}

/** The Moscow calendar date of a moment: `27.11.2026`. */
export function formatMomentDate(isoMoment: string): string {
  return formatMoment(isoMoment).split(',')[0];
}

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
