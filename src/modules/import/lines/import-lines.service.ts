import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { dealStatuses, dealStatusLabels } from '../../deal/deal-transitions.js';
import { leadOutcomeLabels, leadStatusLabels } from '../../lead/lead-transitions.js';
import { LeadService } from '../../lead/lead.service.js';
import { PipelineService } from '../../pipeline/pipeline.service.js';
import { normalizeName } from '../header-names.js';
import type { ImportKind } from '../import-contract.js';
import type {
  CreatedRecord,
  ImportContext,
  ImportLines,
  ImportLineWriter,
  UndoReport,
  ValueOption,
} from '../import-run-contract.js';
import { suggestValue } from '../value-mapping.js';
import { CompanyLineWriter } from './company-line.js';
import { ContactLineWriter } from './contact-line.js';
import { DealLineWriter } from './deal-line.js';
import { removeImported } from './import-removal.js';
import { LeadLineWriter, sourceLabels } from './lead-line.js';
import { readDepartments, readStaff } from './line-support.js';

const leadStatusOptions: ValueOption[] = [
  { key: 'draft', label: leadStatusLabels.draft },
  { key: 'new', label: leadStatusLabels.new },
  { key: 'qualifying', label: leadStatusLabels.qualifying },
  { key: 'processed:convert', label: `${leadStatusLabels.processed} — ${leadOutcomeLabels.convert}` },
  { key: 'processed:inactive', label: `${leadStatusLabels.processed} — ${leadOutcomeLabels.inactive}` },
];

/** Words of a lead source that say which choice it is («Звонок», «Веб-сайт», «CRM-форма»). */
const sourceWords: [RegExp, string][] = [
  [/звон|телефон|call/, 'call'],
  [/сайт|форм|web|site|онлайн/, 'site'],
  [/почт|письм|email|mail/, 'email'],
  [/рекоменд|партн/, 'recommendation'],
  [/выстав|меропр/, 'exhibition'],
];

/**
 * The domain side of an import (import-run-contract.ts ImportLines): the writer of each kind,
 * the choices of the value dropdowns with their suggestions, and «Отменить импорт».
 */
@Injectable()
export class ImportLinesService implements ImportLines {
  private readonly writers: Record<ImportKind, ImportLineWriter>;

  constructor(leads: LeadService, pipelines: PipelineService) {
    this.writers = {
      company: new CompanyLineWriter(pipelines),
      lead: new LeadLineWriter(leads),
      contact: new ContactLineWriter(),
      deal: new DealLineWriter(),
    };
  }

  writer(kind: ImportKind): ImportLineWriter {
    return this.writers[kind];
  }

  async valueOptions(manager: EntityManager, kind: ImportKind, field: string): Promise<ValueOption[]> {
    if (field === 'responsible') {
      // One after another: the manager may be a transaction's, on one connection.
      const staff = await readStaff(manager);
      const departments = await readDepartments(manager);
      return [
        ...[...staff.values()].map((user) => ({
          key: `user:${user.id}`,
          label: `${user.name} (${user.email})`,
        })),
        ...[...departments].map(([id, name]) => ({
          key: `department:${id}`,
          label: `Отдел «${name}» (без ответственного)`,
        })),
      ];
    }
    if (kind === 'lead' && field === 'status') return leadStatusOptions;
    if (kind === 'lead' && field === 'source')
      return Object.entries(sourceLabels).map(([key, label]) => ({ key, label }));
    if (kind === 'deal' && field === 'stage')
      return dealStatuses.map((status) => ({ key: status, label: dealStatusLabels[status] }));
    return [];
  }

  suggestChoice(
    kind: ImportKind,
    field: string,
    value: string,
    options: readonly ValueOption[],
  ): string | null {
    const offered = (key: string | null | undefined) =>
      key && options.some((option) => option.key === key) ? key : null;
    const name = normalizeName(value);
    if (field === 'responsible') return offered(responsibleMatch(name, options));
    if (kind === 'lead' && field === 'source')
      return offered(sourceWords.find(([words]) => words.test(name))?.[1]);
    const suggestion = suggestValue(kind, field, value);
    if (suggestion?.field === 'status')
      return offered(
        suggestion.status === 'processed' ? `processed:${suggestion.outcome}` : suggestion.status,
      );
    if (suggestion?.field === 'stage') return offered(suggestion.dealStatus);
    return null;
  }

  remove(
    manager: EntityManager,
    context: ImportContext,
    records: readonly CreatedRecord[],
    importedUntil: Date,
  ): Promise<UndoReport> {
    return removeImported(manager, context, records, importedUntil);
  }
}

/**
 * A Bitrix24 user as one of this CRM's: by e-mail, or by full name in any word order («Иванов
 * Иван» is «Иван Иванов»); a department by its name.
 */
function responsibleMatch(value: string, options: readonly ValueOption[]): string | undefined {
  const words = (text: string) => normalizeName(text).split(' ').filter(Boolean).sort().join(' ');
  const wanted = words(value);
  for (const option of options) {
    const user = /^(.*) \((.+)\)$/.exec(option.label);
    if (option.key.startsWith('user:') && user) {
      if (normalizeName(user[2]) === value || (wanted !== '' && words(user[1]) === wanted)) return option.key;
    }
    const department = /^Отдел «(.*)»/.exec(option.label);
    if (option.key.startsWith('department:') && department && normalizeName(department[1]) === value)
      return option.key;
  }
  return undefined;
}
