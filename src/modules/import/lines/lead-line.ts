import type { EntityManager } from 'typeorm';

import type { LeadOutcome, LeadStatus } from '../../lead/lead-transitions.js';
import type { LeadService } from '../../lead/lead.service.js';
import type { MappedRow } from '../import-contract.js';
import type { ImportContext, ImportLineWriter, LineOutcome } from '../import-run-contract.js';
import { assignment, choiceOf, dictionaries, importNote } from './line-support.js';
import { bitrixId, emails, every, first, moment, personName, phones, text } from './line-values.js';
import { answerRefusals } from './refusals.js';

/** A lead status option's key: `processed:convert`, `new` (the value mapping of `status`). */
export function statusOfChoice(choice: string | null): { status: LeadStatus; outcome: LeadOutcome | null } {
  switch (choice) {
    case 'new':
    case 'qualifying':
      return { status: choice, outcome: null };
    case 'processed:convert':
      return { status: 'processed', outcome: 'convert' };
    case 'processed:inactive':
      return { status: 'processed', outcome: 'inactive' };
    case null:
    default:
      // Not mapped: «Формирование запроса», to be sent to work by a manager.
      return { status: 'draft', outcome: null };
  }
}

const EXTRA_LIMIT = 5000;

/**
 * A lead of the file → a lead (LeadService.importLead: no mail, no reminders) with the status its
 * stage is mapped to. Its title, source, further phones and e-mails and comment go to
 * «Дополнительные данные» with the import's note. The same Bitrix24 ID is skipped (a re-run).
 */
export class LeadLineWriter implements ImportLineWriter {
  readonly kind = 'lead' as const;

  constructor(private readonly leads: LeadService) {}

  write(manager: EntityManager, context: ImportContext, row: MappedRow): Promise<LineOutcome> {
    return answerRefusals(() => this.writeRow(manager, context, row));
  }

  private async writeRow(
    manager: EntityManager,
    context: ImportContext,
    row: MappedRow,
  ): Promise<LineOutcome> {
    const loaded = await dictionaries(manager, context);
    const id = bitrixId(row);
    const title = text(row, 'title', 'Название лида', 1000);
    const company = text(row, 'company', 'Компания', 300);
    const name = personName(row) ?? title;
    const rowPhones = phones(row);
    const rowEmails = emails(row);
    const createdAt = moment(row, 'createdAt', 'Дата создания');
    const stage = first(row, 'status');
    const { status, outcome } = statusOfChoice(choiceOf(loaded, 'status', stage));
    const source = first(row, 'source');
    const sourceChoice = choiceOf(loaded, 'source', source);
    const assigned = assignment(loaded, context, row);

    if (id !== null) {
      const [same] = (await manager.query('SELECT id, name, company FROM lead WHERE bitrix_id = $1', [
        id,
      ])) as {
        id: number;
        name: string | null;
        company: string | null;
      }[];
      if (same) {
        const label = same.company ?? same.name ?? `Лид №${same.id}`;
        const duplicates = [
          { entity: 'lead', id: same.id, name: label, why: 'тот же ID в Битрикс24' } as const,
        ];
        return { result: 'skipped', entity: 'lead', id: same.id, duplicates };
      }
    }
    const note = importNote(context, row.line);
    const extra = [
      `${note}.`,
      title && title !== name ? `Название: ${title}` : null,
      stage ? `Стадия: ${stage}` : null,
      source
        ? `Источник: ${source}${sourceChoice ? ` (${sourceLabels[sourceChoice] ?? sourceChoice})` : ''}`
        : null,
      rowPhones.length > 1 ? `Другие телефоны: ${rowPhones.slice(1).join(', ')}` : null,
      rowEmails.length > 1 ? `Другие адреса эл. почты: ${rowEmails.slice(1).join(', ')}` : null,
      ...every(row, 'comment').map((comment) => `Комментарий: ${comment}`),
    ]
      .filter(Boolean)
      .join('\n');
    const lead = await this.leads.importLead(
      manager,
      {
        name: name?.slice(0, 200) ?? null,
        company,
        phone: rowPhones[0] ?? null,
        email: rowEmails[0] ?? null,
        extra: extra.length > EXTRA_LIMIT ? `${extra.slice(0, EXTRA_LIMIT - 1)}…` : extra,
        status,
        outcome,
        departmentId: assigned.departmentId,
        responsibleUserId: assigned.responsibleUserId,
        createdAt: createdAt?.at ?? null,
        bitrixId: id,
        note,
      },
      { id: context.actorId },
    );
    return { result: 'created', entity: 'lead', id: lead.id, duplicates: [] };
  }
}

/** The choices of a lead's «Источник»: recorded in its «Дополнительные данные» (a lead's own source is the staff's entry). */
export const sourceLabels: Record<string, string> = {
  call: 'Звонок',
  site: 'Сайт, форма обратной связи',
  email: 'Письмо',
  recommendation: 'Рекомендация',
  exhibition: 'Выставка, мероприятие',
  other: 'Другое',
};
