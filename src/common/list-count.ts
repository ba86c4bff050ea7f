import { formatCount } from './ru-format.js';

/**
 * Lists count their records up to this many; past it they say «более 10 000» (an exact count
 * of a million rows costs a scan and tells a manager nothing a filter would not).
 */
export const LIST_COUNT_CAP = 10_000;

/** The count a list, a board column or the dashboard shows: exact up to the cap (`2 600`), «более 10 000» past it. */
export function listCountLabel(total: number): string {
  return total > LIST_COUNT_CAP ? `более ${formatCount(LIST_COUNT_CAP)}` : formatCount(total);
}
