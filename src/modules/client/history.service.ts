import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { cleanText, toId } from '../../common/input-values.js';
import {
  calendarDate,
  DATE_FORMAT_ERROR,
  moscowToday,
  parseProcessingDate,
} from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { clientDepartmentId, refuseOtherDepartment } from '../user/department-access.js';
import { AttachmentStorage, refuseBadAttachments, type IncomingFile } from './attachments.js';
import { HistoryEvent } from './entities/history-event.entity.js';
import { HistoryRepository, type AttachmentRow, type EventTypeRow } from './history.repository.js';
import { EventFiles } from './event-files.js';

export interface HistoryActor {
  id: number;
}

export interface HistoryEventInput {
  typeId: unknown;
  comment: unknown;
  /** «Дата события», YYYY-MM-DD; today (Moscow) when empty. */
  eventDate?: unknown;
  /** «Запланировано»: the event is still to happen (then it may be dated in the future). */
  planned?: unknown;
}

/** Files to attach to an event and keys of its files to remove, as one form sends them. */
export interface AttachmentChanges {
  /** Files this server has just received (the back-office's upload folder). */
  add?: IncomingFile[];
  /** Keys of the event's files; one the event no longer has is already gone. */
  remove?: string[];
}

const MAX_COMMENT = 10_000;

/**
 * «История» of a client: events managers write, and the ones the system records itself. An event's
 * files change in the transaction that writes the event, under its row lock, appended to (or
 * removed from) what is stored then: two managers adding files to one event at once both keep theirs.
 */
@Injectable()
export class HistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly eventFiles: EventFiles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    clientId: number,
    input: HistoryEventInput,
    actor: HistoryActor,
    files: IncomingFile[] = [],
  ): Promise<HistoryEvent> {
    const values = parseEvent(input);
    if (toId(clientId) === undefined) {
      throw new DomainError('history.invalid_fields', 'Проверьте заполнение полей', {
        fields: { clientId: 'Выберите клиента' },
      });
    }
    await refuseBadAttachments(files, this.config.uploads.maxBytes, this.storage);
    return this.eventFiles.write(async (manager, eventFiles) => {
      await refuseUnknownType(manager, values.typeId);
      const departmentId = await clientDepartmentId(manager, clientId);
      if (departmentId === undefined)
        throw new DomainError('history.invalid_fields', 'Проверьте заполнение полей', {
          fields: { clientId: 'Выберите клиента из списка' },
        });
      await refuseOtherDepartment(manager, actor, departmentId);
      const events = new HistoryRepository(manager);
      const event = await events.create({ clientId, ...values, userId: actor.id, automatic: false });
      if (files.length === 0) return event;
      await eventFiles.attach(event.id, files);
      return events.findOrFail(event.id);
    });
  }

  /**
   * Corrects an event's type, comment or date, and adds and removes its files: one transaction
   * holding the event's row lock (SELECT … FOR UPDATE). Files go from the disk once it is committed.
   */
  async update(
    id: number,
    input: HistoryEventInput,
    actor: HistoryActor,
    files: AttachmentChanges = {},
  ): Promise<HistoryEvent> {
    const values = parseEvent(input);
    const adding = files.add ?? [];
    await refuseBadAttachments(adding, this.config.uploads.maxBytes, this.storage);
    return this.eventFiles.write(async (manager, eventFiles) => {
      const events = new HistoryRepository(manager);
      const event = await events.lock(id);
      if (!event) throw new DomainError('history.not_found', 'Событие не найдено', { status: 404 });
      await refuseOtherDepartment(
        manager,
        actor,
        (await clientDepartmentId(manager, event.clientId)) ?? null,
      );
      const changed =
        event.typeId !== values.typeId ||
        event.comment !== values.comment ||
        event.eventDate !== values.eventDate ||
        event.planned !== values.planned;
      if (event.automatic && changed) {
        throw new DomainError(
          'history.automatic_fixed',
          'Событие записано системой: его тип, комментарий и дату менять нельзя — можно приложить файлы',
        );
      }
      if (changed) {
        await refuseUnknownType(manager, values.typeId);
        await events.update(id, values);
      }
      const removed = await eventFiles.detach(event, files.remove ?? []);
      await eventFiles.attach(id, adding);
      if (!changed && !removed && adding.length === 0) return event;
      return events.findOrFail(id);
    });
  }

  /** Deletes an event (administrators); its files go from the disk once that is committed. */
  async remove(id: number): Promise<void> {
    await this.eventFiles.write(async (manager, eventFiles) => {
      const keys = await new HistoryRepository(manager).remove(id);
      if (!keys) throw new DomainError('history.not_found', 'Событие не найдено', { status: 404 });
      eventFiles.forget(keys);
    });
  }

  /** The stored file behind an attachment key, with its original name and type. */
  async attachment(key: string): Promise<AttachmentRow | undefined> {
    return new HistoryRepository(this.dataSource.manager).attachment(key);
  }

  /** «Тип события» choices. */
  async eventTypes(): Promise<EventTypeRow[]> {
    return new HistoryRepository(this.dataSource.manager).eventTypes();
  }

  /** «Обработка «лида»/создание карточки клиента», recorded with the conversion. */
  async recordConversion(
    manager: EntityManager,
    client: { id: number; companyName: string },
    lead: { id: number; summary: string | null },
    actor: HistoryActor | null,
  ): Promise<void> {
    await this.recordAutomatic(
      manager,
      client.id,
      'lead_processing',
      `Карточка клиента «${client.companyName}» создана из лида №${lead.id}.` +
        (lead.summary ? `\nИтог обработки: ${lead.summary}` : ''),
      actor,
    );
  }

  /** «Подписание соглашения/договора», recorded when the client reaches «Договор подписан». */
  async recordContractSigned(
    manager: EntityManager,
    client: { id: number },
    actor: HistoryActor | null,
  ): Promise<void> {
    await this.recordAutomatic(manager, client.id, 'agreement_signing', 'Договор подписан.', actor);
  }

  /** «Подписание соглашения/договора», recorded when a contract deal is signed. */
  async recordDealSigned(
    manager: EntityManager,
    clientId: number,
    dealId: number,
    actor: HistoryActor | null,
  ): Promise<void> {
    await this.recordAutomatic(
      manager,
      clientId,
      'agreement_signing',
      `Подписан договор (сделка №${dealId}).`,
      actor,
    );
  }

  /** Links a lead to an existing card instead of making a second one. */
  async recordLeadLinked(
    manager: EntityManager,
    clientId: number,
    lead: { id: number; summary: string | null },
    actor: HistoryActor | null,
  ): Promise<void> {
    await this.recordAutomatic(
      manager,
      clientId,
      'lead_processing',
      `Лид №${lead.id} обработан и привязан к этой карточке.` +
        (lead.summary ? `\nИтог обработки: ${lead.summary}` : ''),
      actor,
    );
  }

  private async recordAutomatic(
    manager: EntityManager,
    clientId: number,
    code: string,
    comment: string,
    actor: HistoryActor | null,
  ): Promise<void> {
    // An administrator may have deleted the event type: the event is then not recorded, the change still is.
    const events = new HistoryRepository(manager);
    const typeId = await events.typeIdByCode(code);
    if (typeId === undefined) return;
    await events.insert({
      clientId,
      typeId,
      comment,
      eventDate: moscowToday(),
      userId: actor?.id ?? null,
      automatic: true,
    });
  }
}

/** A ticked checkbox as AdminJS and the forms send it. */
const ticked = (value: unknown): boolean =>
  value === true || value === 'true' || value === 'on' || value === '1';

function parseEvent(input: HistoryEventInput): {
  typeId: number;
  comment: string;
  eventDate: string;
  planned: boolean;
} {
  const errors: Record<string, string> = {};
  const typeId = toId(input.typeId) ?? NaN;
  if (Number.isNaN(typeId)) errors.typeId = 'Выберите тип события';
  const comment = typeof input.comment === 'string' ? cleanText(input.comment) : '';
  if (comment === '') errors.comment = 'Опишите событие';
  else if (comment.length > MAX_COMMENT) errors.comment = `Не длиннее ${MAX_COMMENT} символов`;
  const planned = ticked(input.planned);
  let eventDate = moscowToday();
  try {
    // A planned event may be dated in the future; a done one (unticked) may not.
    eventDate = planned
      ? parsePlannedDate(input.eventDate)
      : parseProcessingDate(input.eventDate, 'eventDate', 'Дата события');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    Object.assign(errors, error.fields);
  }
  if (Object.keys(errors).length > 0)
    throw new DomainError('history.invalid_fields', 'Проверьте заполнение полей', { fields: errors });
  return { typeId, comment, eventDate, planned };
}

/** «Дата события» of a planned event: a real date (today when empty), at most five years ahead. */
function parsePlannedDate(value: unknown): string {
  if (value === undefined || value === null || value === '') return moscowToday();
  const text = calendarDate(value);
  if (!text)
    throw new DomainError('history.bad_date', 'Неверная дата: поле «Дата события»', {
      fields: { eventDate: DATE_FORMAT_ERROR },
    });
  const limit = `${Number(moscowToday().slice(0, 4)) + 5}${moscowToday().slice(4)}`;
  if (text > limit) {
    throw new DomainError('history.date_too_far', 'Дата события слишком далеко в будущем', {
      fields: {
        eventDate: 'Запланировать можно не более чем на пять лет вперёд',
      },
    });
  }
  return text;
}

async function refuseUnknownType(manager: EntityManager, typeId: number): Promise<void> {
  if (!(await new HistoryRepository(manager).typeExists(typeId)))
    throw new DomainError('history.unknown_type', 'Проверьте заполнение полей', {
      fields: { typeId: 'Выберите тип события из списка' },
    });
}
