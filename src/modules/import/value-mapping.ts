import { formatCount } from '../../common/ru-format.js';
import type { DealStatus } from '../deal/deal-transitions.js';
import type { LeadOutcome, LeadStatus } from '../lead/lead-transitions.js';
import type { StageKind } from '../pipeline/entities/stage.entity.js';
import { normalizeName } from './header-names.js';
import type { ImportKind, MappedRow } from './import-contract.js';
import { IMPORT_FIELDS } from './import-mapping.js';

/**
 * The values a user maps to this CRM's own through dropdowns (stages, sources, responsible users):
 * every distinct value of such a field in the file, with how many rows have it, so the screen lists
 * each one — none is dropped. Bounded: past `limitPerField` distinct values a field's further
 * values are only counted («и ещё 1 234 строки с другими значениями»).
 */
export interface TalliedValue {
  /** As first seen in the file; values differing only in case, «ё» or spaces are one. */
  value: string;
  rows: number;
}

export interface FieldTally {
  field: string;
  /** Most frequent first. */
  values: TalliedValue[];
  /** Rows whose value came after the limit of distinct values. */
  otherRows: number;
}

export const TALLY_LIMIT_PER_FIELD = 500;

export class ValueTally {
  private readonly fields: string[];
  private readonly counts = new Map<string, Map<string, TalliedValue>>();
  private readonly others = new Map<string, number>();

  constructor(
    kind: ImportKind,
    private readonly limitPerField = TALLY_LIMIT_PER_FIELD,
  ) {
    this.fields = IMPORT_FIELDS[kind].filter((known) => known.mapsValues).map((known) => known.key);
    for (const key of this.fields) {
      this.counts.set(key, new Map());
      this.others.set(key, 0);
    }
  }

  add(row: MappedRow): void {
    for (const key of this.fields) {
      const counts = this.counts.get(key)!;
      for (const value of row.values[key] ?? []) {
        const name = normalizeName(value);
        const known = counts.get(name);
        if (known) known.rows += 1;
        else if (counts.size < this.limitPerField) counts.set(name, { value, rows: 1 });
        else this.others.set(key, this.others.get(key)! + 1);
      }
    }
  }

  result(): FieldTally[] {
    return this.fields.map((field) => ({
      field,
      values: [...this.counts.get(field)!.values()].sort(
        (a, b) => b.rows - a.rows || a.value.localeCompare(b.value, 'ru'),
      ),
      otherRows: this.others.get(field)!,
    }));
  }
}

const rowForms: Record<string, string> = { one: 'строка', few: 'строки', many: 'строк', other: 'строки' };
const plural = new Intl.PluralRules('ru-RU');

/** «и ещё 1 234 строки с другими значениями», or null when nothing was left out. */
export function describeOtherRows(tally: FieldTally): string | null {
  if (tally.otherRows === 0) return null;
  return `и ещё ${formatCount(tally.otherRows)} ${rowForms[plural.select(tally.otherRows)]} с другими значениями`;
}

/** What a Bitrix24 value stands for in this CRM — a suggestion the user confirms or changes. */
export type ValueSuggestion =
  | { field: 'status'; status: LeadStatus; outcome: LeadOutcome | null }
  /** A deal's status, and the kind of pipeline stage its client is at. */
  | { field: 'stage'; dealStatus: DealStatus; clientStageKind: StageKind };

type LeadSuggestion = Extract<ValueSuggestion, { field: 'status' }>;
type DealSuggestion = Extract<ValueSuggestion, { field: 'stage' }>;

const lead = (status: LeadStatus, outcome: LeadOutcome | null = null): LeadSuggestion => ({
  field: 'status',
  status,
  outcome,
});
const deal = (dealStatus: DealStatus, clientStageKind: StageKind): DealSuggestion => ({
  field: 'stage',
  dealStatus,
  clientStageKind,
});

/**
 * Bitrix24's standard lead stages (names and their ids). «Обработан» is still a working stage in
 * Bitrix24 (its semantics is «в работе»: neither converted nor rejected), so it is «Выяснение
 * потребности» here; a lead that ended is processed, with its outcome.
 */
const LEAD_STAGES: Record<string, LeadSuggestion> = {
  'не обработан': lead('new'),
  new: lead('new'),
  новый: lead('new'),
  'в работе': lead('qualifying'),
  in_process: lead('qualifying'),
  обработан: lead('qualifying'),
  processed: lead('qualifying'),
  'выяснение потребности': lead('qualifying'),
  'качественный лид': lead('processed', 'convert'),
  сконвертирован: lead('processed', 'convert'),
  converted: lead('processed', 'convert'),
  'некачественный лид': lead('processed', 'inactive'),
  junk: lead('processed', 'inactive'),
};

/**
 * Bitrix24's standard deal stages. A deal there is agreed once an invoice is issued; «Сделка
 * успешна» is a deal carried out; the client's stage follows (open, won — «Договор подписан»,
 * lost — «Не активен»).
 */
const DEAL_STAGES: Record<string, DealSuggestion> = {
  новая: deal('draft', 'open'),
  new: deal('draft', 'open'),
  'подготовка документов': deal('draft', 'open'),
  preparation: deal('draft', 'open'),
  'счет на предоплату': deal('signed', 'won'),
  prepayment_invoice: deal('signed', 'won'),
  'в работе': deal('signed', 'won'),
  executing: deal('signed', 'won'),
  'финальный счет': deal('signed', 'won'),
  final_invoice: deal('signed', 'won'),
  'сделка успешна': deal('closed', 'won'),
  won: deal('closed', 'won'),
  'сделка провалена': deal('cancelled', 'lost'),
  lose: deal('cancelled', 'lost'),
};

/**
 * The suggestion for one value of a field that maps values; null when unsure — the screen then
 * shows the value as not mapped, and the user picks. Responsible users and sources are matched
 * against this CRM's users and lists by the import service, not here.
 */
export function suggestValue(kind: ImportKind, field: string, value: string): ValueSuggestion | null {
  // Bitrix24 prefixes the ids of stages of a second pipeline: «C1:WON».
  const name = normalizeName(value).replace(/^c\d+ /, '');
  if (kind === 'lead' && field === 'status') return LEAD_STAGES[name] ?? null;
  if (kind === 'deal' && field === 'stage') return DEAL_STAGES[name] ?? null;
  return null;
}
