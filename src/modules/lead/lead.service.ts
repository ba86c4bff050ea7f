import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import { LeadStatusChange } from './entities/lead-status-change.entity.js';
import { Lead } from './entities/lead.entity.js';
import { parseLeadInput } from './lead-input.js';
import { leadRecipients, NEW_LEAD_SUBJECT, newLeadMailBody } from './lead-notification.js';
import {
  assertLeadTransition,
  leadOutcomes,
  leadTransitions,
  type LeadOutcome,
  type LeadTransition,
} from './lead-transitions.js';

/** Who acts: a back-office user, or null for the visitor of the public form. */
export interface LeadActor {
  id: number;
}

/** The version of the 152-ФЗ consent text the public form shows; recorded with each consent. */
export const CONSENT_TEXT_VERSION = '2026-11';

export interface CreateLeadOptions {
  source: 'form' | 'manual';
  draft: boolean;
  actor?: LeadActor | null;
  /** Where the consent came from (the visitor's address). */
  ip?: string;
}

export interface TakeIntoWorkInput {
  /** «Результат первичной обработки». */
  primaryResult: string;
  /** «Дата обработки», YYYY-MM-DD; today (Moscow) when omitted. */
  processedOn?: string;
  /** The version the user saw; a different one means someone else changed the lead meanwhile. */
  expectedVersion?: number;
}

export interface FinishProcessingInput {
  /** «Итог». */
  summary: string;
  processedOn?: string;
  outcome: LeadOutcome;
  expectedVersion?: number;
}

const MAX_TEXT = 10_000;

/** The lead lifecycle (SPEC §1.3): every status change goes through one of these methods. */
@Injectable()
export class LeadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  /**
   * A new lead from the public form or the API (source `form`) or from a manager (`manual`):
   * a draft («Формирование запроса», may be partial, notifies nobody) or submitted straight to
   * «Новый» (complete, with consent for the form, and the department's mail in the same transaction).
   */
  async create(body: unknown, options: CreateLeadOptions): Promise<Lead> {
    const parsed = parseLeadInput(body, options.draft ? 'draft' : 'submit');
    if (!parsed.ok) throw new DomainError('Проверьте заполнение полей', 422, parsed.errors);
    const input = parsed.value;
    if (input.objectTypeId !== null) {
      const exists = await this.dataSource.query('SELECT 1 FROM object_type WHERE id = $1', [
        input.objectTypeId,
      ]);
      if ((exists as unknown[]).length === 0) {
        throw new DomainError('Проверьте заполнение полей', 422, {
          objectTypeId: 'Выберите тип объекта из списка',
        });
      }
    }
    const status = options.draft ? 'draft' : 'new';
    const consentGiven = input.consent && options.source === 'form';
    const lead = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(Lead).save({
        status,
        source: options.source,
        name: input.name,
        company: input.company,
        phone: input.phone,
        email: input.email,
        objectTypeId: input.objectTypeId,
        extra: input.extra,
        consentTextVersion: consentGiven ? CONSENT_TEXT_VERSION : null,
        consentAt: consentGiven ? new Date() : null,
        consentIp: consentGiven ? (options.ip ?? null) : null,
        submittedAt: status === 'new' ? new Date() : null,
      });
      await manager.insert(LeadStatusChange, {
        leadId: saved.id,
        fromStatus: null,
        toStatus: status,
        userId: options.actor?.id ?? null,
      });
      if (status === 'new') await this.enqueueNewLeadMail(manager, saved);
      return saved;
    });
    if (status === 'new') this.dispatcher.kick();
    return lead;
  }

  /** draft → new («Отправить в работу»): the department's mail is written in the same transaction. */
  async submit(leadId: number, actor: LeadActor | null, expectedVersion?: number): Promise<Lead> {
    const lead = await this.transition(
      leadId,
      'submit',
      actor,
      expectedVersion,
      () => ({ submittedAt: new Date() }),
      (manager, submitted) => this.enqueueNewLeadMail(manager, submitted),
    );
    this.dispatcher.kick();
    return lead;
  }

  /** new → qualifying («Взять в работу»): requires «Результат первичной обработки» and «Дата обработки». */
  async takeIntoWork(leadId: number, input: TakeIntoWorkInput, actor: LeadActor): Promise<Lead> {
    const primaryResult = requiredText(input.primaryResult, 'primaryResult', 'Результат первичной обработки');
    const primaryResultDate = processingDate(input.processedOn);
    return this.transition(leadId, 'takeIntoWork', actor, input.expectedVersion, (lead) => ({
      primaryResult,
      primaryResultDate,
      responsibleUserId: lead.responsibleUserId ?? actor.id,
    }));
  }

  /** qualifying → processed («Завершить обработку»): requires «Итог», «Дата обработки» and the outcome. */
  async finishProcessing(leadId: number, input: FinishProcessingInput, actor: LeadActor): Promise<Lead> {
    const summary = requiredText(input.summary, 'summary', 'Итог');
    const summaryDate = processingDate(input.processedOn);
    if (!leadOutcomes.includes(input.outcome)) {
      throw new DomainError('Выберите итог обработки', 422, {
        outcome: 'Выберите «Не активен» или «Преобразовать в клиента»',
      });
    }
    return this.transition(leadId, 'finishProcessing', actor, input.expectedVersion, () => ({
      summary,
      summaryDate,
      outcome: input.outcome,
    }));
  }

  private async transition(
    leadId: number,
    transition: LeadTransition,
    actor: LeadActor | null,
    expectedVersion: number | undefined,
    changes: (lead: Lead) => Partial<Lead>,
    alongside?: (manager: EntityManager, lead: Lead) => Promise<void>,
  ): Promise<Lead> {
    return this.dataSource.transaction(async (manager) => {
      const lead = await this.lockLead(manager, leadId);
      if (expectedVersion !== undefined && expectedVersion !== lead.version) {
        throw new DomainError(
          'Лид уже изменил другой пользователь. Обновите страницу, проверьте его состояние и повторите действие.',
          409,
        );
      }
      assertLeadTransition(transition, lead.status);
      const { to } = leadTransitions[transition];
      const update = { ...changes(lead), status: to, version: lead.version + 1 };
      await manager.update(Lead, { id: lead.id }, update);
      await manager.insert(LeadStatusChange, {
        leadId: lead.id,
        fromStatus: lead.status,
        toStatus: to,
        userId: actor?.id ?? null,
      });
      const changed = await manager.findOneByOrFail(Lead, { id: lead.id });
      await alongside?.(manager, changed);
      return changed;
    });
  }

  private async enqueueNewLeadMail(manager: EntityManager, lead: Lead): Promise<void> {
    const route = await this.route(manager, lead.objectTypeId);
    await this.notifications.enqueue(manager, {
      kind: 'lead_created',
      leadId: lead.id,
      ...leadRecipients(route.managerEmails, route.headEmail),
      subject: NEW_LEAD_SUBJECT,
      body: newLeadMailBody({ ...lead, objectType: route.objectType }),
    });
  }

  /** Who should receive the lead's mail now (used when an administrator resends it). */
  async currentRecipients(leadId: number): Promise<{ to: string[]; cc: string[] }> {
    const lead = await this.dataSource.getRepository(Lead).findOneByOrFail({ id: leadId });
    const route = await this.route(this.dataSource.manager, lead.objectTypeId);
    return leadRecipients(route.managerEmails, route.headEmail);
  }

  /** The object type's name and the e-mails of the department it belongs to. */
  private async route(manager: EntityManager, objectTypeId: number | null) {
    const [route] = (await manager.query(
      `SELECT o.name AS "objectType", d.manager_emails AS "managerEmails", d.head_email AS "headEmail"
       FROM object_type o JOIN department d ON d.id = o.department_id WHERE o.id = $1`,
      [objectTypeId],
    )) as { objectType: string; managerEmails: string[]; headEmail: string | null }[];
    return route;
  }

  private async lockLead(manager: EntityManager, leadId: number): Promise<Lead> {
    const lead = await manager.findOne(Lead, { where: { id: leadId }, lock: { mode: 'pessimistic_write' } });
    if (!lead) throw new DomainError('Лид не найден', 404);
    return lead;
  }
}

function requiredText(value: unknown, field: string, label: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '')
    throw new DomainError(`Заполните поле «${label}»`, 422, { [field]: `Заполните поле «${label}»` });
  if (text.length > MAX_TEXT) {
    throw new DomainError(`Поле «${label}» длиннее ${MAX_TEXT} символов`, 422, {
      [field]: `Не длиннее ${MAX_TEXT} символов`,
    });
  }
  return text;
}

/** Today in Moscow, where the park is. */
export function moscowToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(now);
}

/** «Дата обработки»: a real calendar date, not in the future; today (Moscow) by default. */
function processingDate(value: string | undefined): string {
  if (value === undefined || value === '') return moscowToday();
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = parsed
    ? new Date(Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3])))
    : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new DomainError('Неверная дата обработки', 422, {
      processedOn: 'Укажите дату в формате ГГГГ-ММ-ДД',
    });
  }
  if (value > moscowToday()) {
    throw new DomainError('Дата обработки не может быть в будущем', 422, {
      processedOn: 'Дата обработки не может быть в будущем',
    });
  }
  return value;
}
