import type { LedgerLine } from './import.repository.js';
import {
  REPORTED_LINES,
  type DuplicateLink,
  type ImportReport,
  type LineOutcome,
} from './import-run-contract.js';

export function emptyReport(): ImportReport {
  return { created: 0, updated: 0, skipped: 0, refused: 0, duplicates: [], errors: [] };
}

/** «№12 «Альфа» — тот же ИНН; №15 «Альфа-М» — похожее название». */
export function describeDuplicates(duplicates: readonly DuplicateLink[]): string {
  return duplicates.map((duplicate) => `№${duplicate.id} «${duplicate.name}» — ${duplicate.why}`).join('; ');
}

/** What a line came to, in words: the ledger's `text` and the report's. */
export function outcomeText(outcome: LineOutcome): string | null {
  switch (outcome.result) {
    case 'refused':
      return outcome.reason;
    case 'created':
      return outcome.duplicates.length > 0
        ? `Создана, хотя похожа на: ${describeDuplicates(outcome.duplicates)}`
        : null;
    case 'updated':
      return [
        `Дополнена найденная запись${outcome.fields.length > 0 ? ` (${outcome.fields.join(', ')})` : ''}`,
        ...(outcome.duplicates.length > 0 ? [describeDuplicates(outcome.duplicates)] : []),
      ].join(': ');
    case 'skipped':
      return outcome.duplicates.length > 0
        ? `Пропущена как дубль: ${describeDuplicates(outcome.duplicates)}`
        : 'Пропущена: эта запись уже импортирована';
  }
}

/** The ledger's line of an outcome; a refused row keeps its cells for the errors file. */
export function ledgerLine(line: number, outcome: LineOutcome, cells: string[]): LedgerLine {
  if (outcome.result === 'refused') {
    return {
      line,
      result: 'refused',
      entity: null,
      recordId: null,
      text: outcome.reason,
      duplicates: null,
      cells,
    };
  }
  return {
    line,
    result: outcome.result,
    entity: outcome.entity,
    recordId: outcome.id,
    text: outcomeText(outcome),
    duplicates: outcome.duplicates.length > 0 ? outcome.duplicates : null,
    cells: null,
  };
}

/** Counts a line into the report; the first REPORTED_LINES refusals and duplicates are listed. */
export function addToReport(report: ImportReport, line: number, outcome: LineOutcome): void {
  report[outcome.result] += 1;
  if (outcome.result === 'refused') {
    if (report.errors.length < REPORTED_LINES) {
      report.errors.push({ line, text: outcome.reason, duplicates: [] });
    }
    return;
  }
  if (outcome.duplicates.length > 0 && report.duplicates.length < REPORTED_LINES) {
    report.duplicates.push({ line, text: outcomeText(outcome) ?? '', duplicates: outcome.duplicates });
  }
}
