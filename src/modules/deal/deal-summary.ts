/**
 * The summary docs/product.md §4 asks for when a deal is completed: «услуга/площадь, сумма, срок» per line
 * and in total (the total's term is the longest line's), in Russian format (`1 234 567,89 ₽`, «3 года»). «Стоимость услуги» is per year
 * (so labelled in the forms): a line's sum is the yearly cost times its term in years.
 *
 * Money is handled as exact decimals (strings from PostgreSQL `numeric`, kopecks as BigInt):
 * never as floating point.
 */
import { formatArea, formatMoney } from '../../common/ru-format.js';

export type DealLineKind = 'premises' | 'ved' | '3pl';

/** SQL for a premises' label in summaries («зона А, сектор 3, № 12»), over `premises` aliased `p`. */
export const PREMISES_LABEL_SQL = `format('зона %s, сектор %s, № %s', p.zone, p.sector, p.number)`;

export interface SummaryLineInput {
  kind: DealLineKind;
  /** The service's name («Склад временного хранения»), or the premises' label («зона А, № 12»). */
  name: string;
  /** Premises only: the area, m² (a numeric string). */
  areaM2?: string | null;
  /** «Стоимость услуги» per year, ₽ (a numeric string, up to two decimals). */
  costPerYear: string;
  /** «Срок», whole years ≥ 1. */
  termYears: number;
}

export interface DealSummary {
  lines: string[];
  total: string;
  /** The deal's sum in kopecks (for storing and comparing; exact). */
  totalKopecks: bigint;
}

const kindLabels: Record<DealLineKind, string> = {
  premises: 'Помещение',
  ved: 'Услуга ВЭД',
  '3pl': 'Услуга 3PL',
};

const yearPlural = new Intl.PluralRules('ru-RU');
const yearWords: Record<string, string> = { one: 'год', few: 'года', many: 'лет', other: 'года' };

/** «1 год», «3 года», «5 лет». */
export function formatYears(years: number): string {
  return `${years} ${yearWords[yearPlural.select(years)]}`;
}

/** A numeric string with up to two decimals as kopecks; throws on anything else. */
export function toKopecks(amount: string): bigint {
  const match = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`Не сумма в рублях: ${amount}`);
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Kopecks (or hundredths of m²) as a decimal string with two places: `123456789n` → `1234567.89`. */
export function kopecksToDecimal(kopecks: bigint): string {
  const sign = kopecks < 0n ? '-' : '';
  const absolute = kopecks < 0n ? -kopecks : kopecks;
  return `${sign}${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
}

/** Kopecks in Russian format: `1 234 567,89 ₽` (the spaces are the no-break spaces Russian uses). */
export function formatKopecks(kopecks: bigint): string {
  return formatMoney(kopecksToDecimal(kopecks));
}

export function buildDealSummary(lines: SummaryLineInput[]): DealSummary {
  let totalKopecks = 0n;
  let totalArea = 0n; // hundredths of m²
  let longest = 0;
  const texts = lines.map((line) => {
    const sum = toKopecks(line.costPerYear) * BigInt(line.termYears);
    totalKopecks += sum;
    longest = Math.max(longest, line.termYears);
    const what =
      line.kind === 'premises' && line.areaM2
        ? `${kindLabels.premises} ${line.name}, ${formatArea(line.areaM2)}`
        : `${kindLabels[line.kind]} «${line.name}»`;
    if (line.kind === 'premises' && line.areaM2) totalArea += toKopecks(line.areaM2);
    return `${what}, ${formatKopecks(sum)}, ${formatYears(line.termYears)}`;
  });
  const areaText = totalArea > 0n ? `${formatArea(kopecksToDecimal(totalArea))}, ` : '';
  const total =
    lines.length === 0
      ? 'Итого: нет строк'
      : `Итого: ${areaText}${formatKopecks(totalKopecks)}, срок ${formatYears(longest)}`;
  return { lines: texts, total, totalKopecks };
}
