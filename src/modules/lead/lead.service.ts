import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { cleanText } from '../../common/input-values.js';
import { moscowToday, parseProcessingDate } from '../../common/moscow-date.js';
import { ClientService, type ConversionChoice } from '../client/client.service.js';
import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import { LeadStatusChange } from './entities/lead-status-change.entity.js';
import { Lead, type LeadSource } from './entities/lead.entity.js';
import { isDraftRequest, parseLeadInput, type LeadInput } from './lead-input.js';
import { CONSENT_TEXT_VERSION } from './public-form/consent-text.js';
import type { ObjectTypeGroup } from './public-form/form-pages.js';
import { leadRecipients } from './lead-notification.js';
import { newLeadMail, objectTypeRequired, routeOf, type LeadRoute } from './lead-route.js';
import { LeadWriter } from './lead-writer.js';
import { refuseOtherDepartment } from '../user/department-access.js';
import {
  assertLeadTransition,
  leadOutcomes,
  leadTransitions,
  type LeadOutcome,
  type LeadStatus,
  type LeadTransition,
} from './lead-transitions.js';

/** One line of a lead's status history; `user` is null for the visitor of the public form. */
export interface StatusHistoryEntry {
  changedAt: Date;
  from: LeadStatus | null;
  to: LeadStatus;
  user: string | null;
}

export { moscowToday };

/** Who acts: a back-office user, or null for the visitor of the public form. */
export interface LeadActor {
  id: number;
}

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
  /**
   * With «Преобразовать в клиента» and possible duplicates: `'new'` makes a new card anyway, a
   * client's id links the lead to that card. Without it, duplicates refuse the move (409) and are listed.
   */
  clientChoice?: ConversionChoice;
}

const MAX_TEXT = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALREADY_SENT = 'Эта заявка уже отправлена. Чтобы отправить ещё одну, обновите страницу.';

/** The columns a lead's input fills, with the consent record when a visitor of the form gave it. */
function leadFields(input: LeadInput, departmentId: number | null, source: LeadSource, ip?: string) {
  const consentGiven = input.consent && source === 'form';
  return {
    name: input.name,
    company: input.company,
    phone: input.phone,
    email: input.email,
    objectTypeId: input.objectTypeId,
    departmentId,
    extra: input.extra,
    consentTextVersion: consentGiven ? CONSENT_TEXT_VERSION : null,
    consentAt: consentGiven ? new Date() : null,
    consentIp: consentGiven ? (ip ?? null) : null,
  };
}

/** The lead lifecycle (SPEC §1.3): every status change goes through one of these methods. */
@Injectable()
export class LeadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly clients: ClientService,
    private readonly writer: LeadWriter,
  ) {}

  /**
   * A new lead from the public form or the API (source `form`) or from a manager (`manual`):
   * a draft («Формирование запроса», may be partial, notifies nobody) or submitted straight to
   * «Новый» (complete, with consent for the form, and the department's mail in the same transaction).
   * A form draft gets a `draftToken` with which the visitor's page keeps saving the same draft.
   */
  async create(body: unknown, options: CreateLeadOptions): Promise<Lead> {
    const input = this.parse(body, options.draft, options.source);
    const status = options.draft ? 'draft' : 'new';
    const lead = this.dataSource.getRepository(Lead).create({
      ...leadFields(input, null, options.source, options.ip),
      status,
      source: options.source,
      draftToken: options.draft && options.source === 'form' ? randomUUID() : null,
      submittedAt: status === 'new' ? new Date() : null,
    });
    // Written with the leads arriving at the same time, in one statement (see LeadWriter).
    return Object.assign(lead, await this.writer.write(lead, options.actor?.id ?? null));
  }

  /**
   * What the public form and `POST /api/leads` send. With `draft: true` the input is saved as a
   * draft; otherwise it is submitted («Новый», the department is e-mailed). With the `draftToken`
   * of an earlier save, that same draft is updated or submitted; a draft that is gone is started
   * anew, so nothing the visitor typed is lost; one already submitted is refused (no duplicate).
   */
  async receive(body: unknown, ip: string): Promise<Lead> {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const draft = isDraftRequest(body);
    const token = Object.hasOwn(fields, 'draftToken') ? fields.draftToken : undefined;
    if (token === undefined || token === null || token === '') {
      return this.create(body, { source: 'form', draft, ip });
    }
    if (typeof token !== 'string' || !UUID.test(token)) {
      throw new DomainError('Черновик заявки не найден: обновите страницу и заполните форму заново', 422, {
        draftToken: 'Неверный ключ черновика',
      });
    }
    const input = this.parse(body, draft, 'form');
    const route = await routeOf(this.dataSource.manager, input.objectTypeId);
    const departmentId = route?.departmentId ?? null;
    const found = (await this.dataSource.query('SELECT id FROM lead WHERE draft_token = $1', [token])) as {
      id: number;
    }[];
    if (found.length === 0) return this.create(body, { source: 'form', draft, ip });
    const changes = { ...leadFields(input, departmentId, 'form', ip) };
    if (!draft) {
      const lead = await this.transition(
        found[0].id,
        'submit',
        null,
        undefined,
        () => ({ ...changes, submittedAt: new Date() }),
        (manager, submitted) => this.enqueueNewLeadMail(manager, submitted, route),
        ALREADY_SENT,
      );
      this.dispatcher.kick();
      return lead;
    }
    return this.dataSource.transaction(async (manager) => {
      const lead = await this.lockLead(manager, found[0].id);
      if (lead.status !== 'draft') throw new DomainError(ALREADY_SENT, 409);
      await manager.update(Lead, { id: lead.id }, { ...changes, version: lead.version + 1 });
      return manager.findOneByOrFail(Lead, { id: lead.id });
    });
  }

  /** draft → new («Отправить в работу»): the draft must be complete; the department's mail is written in the same transaction. */
  async submit(leadId: number, actor: LeadActor | null, expectedVersion?: number): Promise<Lead> {
    const lead = await this.transition(
      leadId,
      'submit',
      actor,
      expectedVersion,
      (draft) => {
        // What the draft holds must pass the same checks as a submission.
        const parsed = parseLeadInput({ ...draft, consent: draft.consentAt !== null }, 'submit', {
          requireConsent: draft.source === 'form',
        });
        if (!parsed.ok) {
          throw new DomainError(
            `Черновик нельзя отправить в работу: ${Object.values(parsed.errors).join('; ')}.`,
            422,
            parsed.errors,
          );
        }
        return { submittedAt: new Date() };
      },
      (manager, submitted) => this.enqueueNewLeadMail(manager, submitted),
    );
    this.dispatcher.kick();
    return lead;
  }

  /** All visitors' and managers' input goes through here: per-field Russian messages, nothing written. */
  private parse(body: unknown, draft: boolean, source: LeadSource): LeadInput {
    const parsed = parseLeadInput(body, draft ? 'draft' : 'submit', { requireConsent: source === 'form' });
    if (!parsed.ok) throw new DomainError('Проверьте заполнение полей', 422, parsed.errors);
    return parsed.value;
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
    return this.transition(
      leadId,
      'finishProcessing',
      actor,
      input.expectedVersion,
      () => ({ summary, summaryDate, outcome: input.outcome }),
      async (manager, processed) => {
        if (processed.outcome === 'convert') {
          await this.clients.createFromLead(manager, processed, input.clientChoice, actor);
        }
      },
    );
  }

  private async transition(
    leadId: number,
    transition: LeadTransition,
    actor: LeadActor | null,
    expectedVersion: number | undefined,
    changes: (lead: Lead) => Partial<Lead>,
    alongside?: (manager: EntityManager, lead: Lead) => Promise<void>,
    /** Said instead of the generic refusal when the lead is not in the transition's status. */
    refusal?: string,
  ): Promise<Lead> {
    return this.dataSource.transaction(async (manager) => {
      const lead = await this.lockLead(manager, leadId);
      await refuseOtherDepartment(manager, actor, lead.departmentId);
      if (expectedVersion !== undefined && expectedVersion !== lead.version) {
        throw new DomainError(
          'Лид уже изменил другой пользователь. Обновите страницу, проверьте его состояние и повторите действие.',
          409,
        );
      }
      if (refusal && lead.status !== leadTransitions[transition].from) throw new DomainError(refusal, 409);
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

  /** The SPEC §1.2 mail, in the transaction that makes the lead «Новый». */
  private async enqueueNewLeadMail(
    manager: EntityManager,
    lead: Lead,
    known?: LeadRoute | null,
  ): Promise<void> {
    const route = known ?? (await routeOf(manager, lead.objectTypeId));
    if (!route) throw objectTypeRequired();
    await this.notifications.enqueue(manager, { ...newLeadMail(lead, route), leadId: lead.id });
  }

  /** «Тип объекта» choices of the public form, grouped by the department that receives them. */
  async objectTypeGroups(): Promise<ObjectTypeGroup[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.name AS department, o.id, o.name FROM object_type o JOIN department d ON d.id = o.department_id
       ORDER BY d.position, d.id, o.position, o.name`,
    )) as { department: string; id: number; name: string }[];
    const groups: ObjectTypeGroup[] = [];
    for (const row of rows) {
      if (groups.at(-1)?.department !== row.department)
        groups.push({ department: row.department, objectTypes: [] });
      groups.at(-1)!.objectTypes.push({ id: row.id, name: row.name });
    }
    return groups;
  }

  /** The lead's status history, oldest first, with who made each change. */
  async statusHistory(leadId: number): Promise<StatusHistoryEntry[]> {
    return (await this.dataSource.query(
      `SELECT c.changed_at AS "changedAt", c.from_status::text AS "from", c.to_status::text AS "to",
              u.full_name AS "user"
       FROM lead_status_change c LEFT JOIN app_user u ON u.id = c.user_id
       WHERE c.lead_id = $1 ORDER BY c.changed_at, c.id`,
      [leadId],
    )) as StatusHistoryEntry[];
  }

  /** Who should receive the lead's mail now (used when an administrator resends it). */
  async currentRecipients(leadId: number): Promise<{ to: string[]; cc: string[] }> {
    const lead = await this.dataSource.getRepository(Lead).findOneByOrFail({ id: leadId });
    const route = await routeOf(this.dataSource.manager, lead.objectTypeId);
    return route ? leadRecipients(route.managerEmails, route.headEmail) : { to: [], cc: [] };
  }

  private async lockLead(manager: EntityManager, leadId: number): Promise<Lead> {
    const lead = await manager.findOne(Lead, { where: { id: leadId }, lock: { mode: 'pessimistic_write' } });
    if (!lead) throw new DomainError('Лид не найден', 404);
    return lead;
  }
}

function requiredText(value: unknown, field: string, label: string): string {
  const text = typeof value === 'string' ? cleanText(value) : '';
  if (text === '')
    throw new DomainError(`Заполните поле «${label}»`, 422, { [field]: `Заполните поле «${label}»` });
  if (text.length > MAX_TEXT) {
    throw new DomainError(`Поле «${label}» длиннее ${MAX_TEXT} символов`, 422, {
      [field]: `Не длиннее ${MAX_TEXT} символов`,
    });
  }
  return text;
}

/** «Дата обработки»: a real calendar date, not in the future; today (Moscow) by default. */
function processingDate(value: string | undefined): string {
  return parseProcessingDate(value, 'processedOn', 'Дата обработки');
}
