import type { EntityManager } from 'typeorm';

import { formatDate, formatMoney, moscowToday } from '../../../common/ru-format.js';
import { dealStatusLabels, type DealStatus } from '../../deal/deal-transitions.js';
import { Deal } from '../../deal/entities/deal.entity.js';
import type { MappedRow } from '../import-contract.js';
import type { ImportContext, ImportLineWriter, LineOutcome } from '../import-run-contract.js';
import { findCompany } from './company-lookup.js';
import {
  choiceOf,
  dictionaries,
  importNote,
  recordImportEvent,
  refuseForeignDepartment,
} from './line-support.js';
import { amount, bitrixId, every, first, moment, refuse, text } from './line-values.js';
import { answerRefusals } from './refusals.js';

/** The history event of an imported deal starts so; «Отменить импорт» finds it by it. */
export const dealEventStart = (dealId: number) => `Сделка №${dealId} `;

/**
 * A deal of the file → a draft deal without lines on its company's card (found as a contact's
 * is); its title, stage (as mapped), sum, dates and comment go to the card's history, since a
 * deal here is put together from premises and services. A deal whose company is not here is
 * refused; the same Bitrix24 ID is skipped (a re-run).
 */
export class DealLineWriter implements ImportLineWriter {
  readonly kind = 'deal' as const;

  write(manager: EntityManager, context: ImportContext, row: MappedRow): Promise<LineOutcome> {
    return answerRefusals(() => this.writeRow(manager, context, row));
  }

  private async writeRow(
    manager: EntityManager,
    context: ImportContext,
    row: MappedRow,
  ): Promise<LineOutcome> {
    const loaded = await dictionaries(manager, context);
    const title = text(row, 'title', 'Название сделки', 1000) ?? refuse('не указано название сделки');
    const id = bitrixId(row);
    const sum = amount(row, 'amount', 'Сумма');
    const currency = text(row, 'currency', 'Валюта', 20);
    const createdAt = moment(row, 'createdAt', 'Дата создания');
    const closeDate = moment(row, 'closeDate', 'Предполагаемая дата закрытия');
    const stage = first(row, 'stage');
    const stageChoice = choiceOf(loaded, 'stage', stage) as DealStatus | null;
    const contact = text(row, 'contact', 'Контакт', 300);
    const responsibleValue = first(row, 'responsible');
    const responsibleChoice = choiceOf(loaded, 'responsible', responsibleValue);

    if (id !== null) {
      const [same] = (await manager.query('SELECT id FROM deal WHERE bitrix_id = $1', [id])) as {
        id: number;
      }[];
      if (same) {
        const duplicates = [
          { entity: 'deal', id: same.id, name: `Сделка №${same.id}`, why: 'тот же ID в Битрикс24' } as const,
        ];
        return { result: 'skipped', entity: 'deal', id: same.id, duplicates };
      }
    }
    const { found, wanted } = await findCompany(manager, row);
    if (!found)
      return refuse(`Сначала импортируйте компании: компания ${wanted ?? '(не указана)'} не найдена`);
    // A deal belongs to its card's department; its responsible is a user the file names, else the importer.
    refuseForeignDepartment(loaded, found.departmentId);
    let responsibleUserId = context.actorId;
    if (responsibleChoice?.startsWith('user:')) {
      const user = loaded.staff.get(Number(responsibleChoice.slice(5)));
      if (!user)
        refuse(
          `ответственный «${responsibleValue}» сопоставлен с пользователем, который больше не работает в CRM — выберите другого`,
        );
      else responsibleUserId = user.id;
    }
    const dealDate = createdAt?.day ?? moscowToday();
    const inserted = await manager.insert(Deal, {
      clientId: found.id,
      kind: 'contract',
      status: 'draft',
      dealDate,
      startsOn: dealDate,
      responsibleUserId,
      total: '0',
      bitrixId: id,
    });
    const dealId = (inserted.identifiers[0] as { id: number }).id;
    const facts = [
      `${dealEventStart(dealId)}«${title}»: ${importNote(context, row.line).replace(/^И/, 'и')}.`,
      stage ? `Стадия: ${stage}${stageChoice ? ` (${dealStatusLabels[stageChoice]})` : ''}` : null,
      sum
        ? `Сумма: ${currency && !/^(rub|руб|₽|rur)/i.test(currency) ? `${sum} ${currency}` : formatMoney(sum)}`
        : null,
      closeDate ? `Предполагаемая дата закрытия: ${formatDate(closeDate.day)}` : null,
      contact ? `Контакт: ${contact}` : null,
      ...every(row, 'comment').map((comment) => `Комментарий: ${comment}`),
    ];
    await recordImportEvent(
      manager,
      loaded,
      context,
      found.id,
      facts.filter(Boolean).join('\n'),
      moscowToday(),
    );
    return { result: 'created', entity: 'deal', id: dealId, duplicates: [found.link] };
  }
}
