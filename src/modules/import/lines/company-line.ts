import type { EntityManager } from 'typeorm';

import { moscowToday } from '../../../common/ru-format.js';
import { duplicateReasonLabels, type PossibleDuplicate } from '../../client/client-duplicates.js';
import { recorder } from '../../client/client-status.service.js';
import { ClientRepository } from '../../client/client.repository.js';
import type { Client } from '../../client/entities/client.entity.js';
import type { PipelineService, PipelineStage } from '../../pipeline/pipeline.service.js';
import type { MappedRow } from '../import-contract.js';
import type { DuplicateLink, ImportContext, ImportLineWriter, LineOutcome } from '../import-run-contract.js';
import {
  assignment,
  dictionaries,
  importNote,
  recordImportEvent,
  refuseForeignDepartment,
} from './line-support.js';
import { bitrixId, emails, every, inn, moment, phones, refuse, text } from './line-values.js';
import { answerRefusals } from './refusals.js';

/** «Источник контакта» of an imported card. */
export const importSource = (context: ImportContext) =>
  context.fromBitrix ? 'Битрикс24' : 'Импорт из файла';

/**
 * A company of the file → a client card (the card's rules: INN check digits, phones and e-mails
 * as the form takes them, never two cards with one INN). Duplicates by the card's rules (INN,
 * phone, e-mail, similar name) and the same Bitrix24 ID. The same Bitrix24 ID is always skipped
 * (a re-run); under «Создавать всё равно» the same INN is skipped too, other look-alikes are
 * created anyway; «Дополнять пустые поля» fills the empty fields of the most alike card.
 */
export class CompanyLineWriter implements ImportLineWriter {
  readonly kind = 'company' as const;
  private readonly startStages = new WeakMap<ImportContext, PipelineStage & { pipelineId: number }>();

  constructor(private readonly pipelines: PipelineService) {}

  write(manager: EntityManager, context: ImportContext, row: MappedRow): Promise<LineOutcome> {
    return answerRefusals(() => this.writeRow(manager, context, row));
  }

  private async writeRow(
    manager: EntityManager,
    context: ImportContext,
    row: MappedRow,
  ): Promise<LineOutcome> {
    const loaded = await dictionaries(manager, context);
    const companyName =
      text(row, 'companyName', 'Название компании', 300) ?? refuse('не указано название компании');
    const card = {
      companyName,
      inn: inn(row),
      phones: phones(row),
      emails: emails(row),
      address: text(row, 'address', 'Адрес', 500),
      bitrixId: bitrixId(row),
      createdOn: moment(row, 'createdAt', 'Дата создания')?.day ?? null,
      comment: every(row, 'comment').join('\n'),
    };
    const assigned = assignment(loaded, context, row);
    const clients = new ClientRepository(manager);

    if (card.bitrixId !== null) {
      const [same] = (await manager.query(
        'SELECT id, company_name AS "companyName" FROM client WHERE bitrix_id = $1',
        [card.bitrixId],
      )) as { id: number; companyName: string }[];
      if (same) {
        const duplicates = [
          { entity: 'client', id: same.id, name: same.companyName, why: 'тот же ID в Битрикс24' } as const,
        ];
        return { result: 'skipped', entity: 'client', id: same.id, duplicates };
      }
    }
    const found = await clients.duplicates({
      inn: card.inn,
      phone: card.phones[0] ?? null,
      email: card.emails[0] ?? null,
      companyName,
      contacts: [
        ...card.phones.slice(1).map((phone) => ({ phone, email: null })),
        ...card.emails.slice(1).map((email) => ({ phone: null, email })),
      ],
    });
    const duplicates = found.map(linkOf);
    if (found.length > 0) {
      if (context.policy === 'skip')
        return { result: 'skipped', entity: 'client', id: found[0].id, duplicates };
      if (context.policy === 'fill_empty')
        return this.fillEmpty(manager, context, row, found, card, assigned);
      const sameInn = found.find((duplicate) => duplicate.reasons.includes('inn'));
      // Never a second card with one INN, whatever the policy.
      if (sameInn) return { result: 'skipped', entity: 'client', id: sameInn.id, duplicates };
    }

    if (assigned.departmentId === null) refuse('не выбран отдел, в который импортируются компании');
    const start = await this.startStage(manager, context);
    const extraPhones = card.phones.slice(1);
    const extraEmails = card.emails.slice(1);
    const client = await clients.create({
      companyName,
      source: importSource(context),
      addedOn: card.createdOn ?? moscowToday(),
      departmentId: assigned.departmentId!,
      responsibleUserId: assigned.responsibleUserId,
      phone: card.phones[0] ?? null,
      email: card.emails[0] ?? null,
      innEnabled: card.inn !== null,
      inn: card.inn,
      addressEnabled: card.address !== null,
      address: card.address,
      // Further phones and e-mails of the company: contact persons without a name, as the form keeps them.
      contacts: [
        ...extraPhones.map((phone) => person({ phone })),
        ...extraEmails.map((email) => person({ email })),
      ],
      bitrixId: card.bitrixId,
      pipelineId: start.pipelineId,
      stageId: start.id,
      stageKind: start.kind,
      stageItemId: null,
    });
    await recorder(manager, client.id, { id: context.actorId })(
      'created',
      null,
      { stage: start, itemName: null },
      importNote(context, row.line),
    );
    await recordImportEvent(
      manager,
      loaded,
      context,
      client.id,
      [`${importNote(context, row.line)}.`, card.comment && `Комментарий: ${card.comment}`]
        .filter(Boolean)
        .join('\n'),
      moscowToday(),
    );
    return { result: 'created', entity: 'client', id: client.id, duplicates };
  }

  /** Fills the empty fields of the most alike card (the first: most reasons), in its department only. */
  private async fillEmpty(
    manager: EntityManager,
    context: ImportContext,
    row: MappedRow,
    found: PossibleDuplicate[],
    card: {
      inn: string | null;
      phones: string[];
      emails: string[];
      address: string | null;
      bitrixId: string | null;
      comment: string;
    },
    assigned: { responsibleUserId: number | null },
  ): Promise<LineOutcome> {
    const loaded = await dictionaries(manager, context);
    const clients = new ClientRepository(manager);
    const target = (await clients.lock(found[0].id))!;
    const duplicates = found.map(linkOf);
    refuseForeignDepartment(loaded, target.departmentId);
    const changes: Partial<Client> = {};
    const fields: string[] = [];
    const fill = <K extends keyof Client>(key: K, value: Client[K] | null, label: string) => {
      if (value === null || (target[key] !== null && target[key] !== undefined)) return;
      changes[key] = value as Client[K];
      fields.push(label);
    };
    // The INN only when no other card has it (the same INN is then this card's, or a reason above).
    if (!found.some((duplicate) => duplicate.reasons.includes('inn') && duplicate.id !== target.id)) {
      fill('inn', card.inn, 'ИНН');
      if (changes.inn) changes.innEnabled = true;
    }
    fill('phone', card.phones[0] ?? null, 'Телефон');
    fill('email', card.emails[0] ?? null, 'Почта');
    fill('address', card.address, 'Адрес');
    if (changes.address) changes.addressEnabled = true;
    fill('responsibleUserId', assigned.responsibleUserId, 'Ответственный');
    fill('bitrixId', card.bitrixId, 'ID в Битрикс24');
    if (fields.length === 0) return { result: 'skipped', entity: 'client', id: target.id, duplicates };
    await clients.update(target.id, { ...changes, version: target.version + 1 });
    await recordImportEvent(
      manager,
      loaded,
      context,
      target.id,
      [
        `${importNote(context, row.line, 'Дополнено импортом')}: ${fields.join(', ')}.`,
        card.comment && `Комментарий: ${card.comment}`,
      ]
        .filter(Boolean)
        .join('\n'),
      moscowToday(),
    );
    return { result: 'updated', entity: 'client', id: target.id, fields, duplicates };
  }

  private async startStage(manager: EntityManager, context: ImportContext) {
    const known = this.startStages.get(context);
    if (known) return known;
    const pipelineId = await this.pipelines.pipelineOf(manager, null);
    const first = (await this.pipelines.load(manager, pipelineId)).first;
    if (!first) return refuse('в «Стандартной воронке» нет начального этапа: проверьте справочник «Воронки»');
    const start = { ...first, pipelineId };
    this.startStages.set(context, start);
    return start;
  }
}

export function linkOf(duplicate: PossibleDuplicate): DuplicateLink {
  return {
    entity: 'client',
    id: duplicate.id,
    name: duplicate.companyName,
    why: duplicate.reasons.map((reason) => duplicateReasonLabels[reason]).join(', '),
  };
}

const person = (values: { phone?: string; email?: string }) => ({
  lastName: null,
  firstName: null,
  middleName: null,
  position: null,
  phone: values.phone ?? null,
  email: values.email ?? null,
});
