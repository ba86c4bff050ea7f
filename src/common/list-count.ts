/**
 * Lists count their records up to this many; past it they say «более 10 000» (an exact count
 * of a million rows costs a scan and tells a manager nothing a filter would not).
 */
export const LIST_COUNT_CAP = 10_000;

/** The count a list shows: exact up to the cap, «более 10 000» past it. */
export function listCountLabel(total: number): string {
  return total > LIST_COUNT_CAP ? `более ${LIST_COUNT_CAP.toLocaleString('ru-RU')}` : String(total);
}
