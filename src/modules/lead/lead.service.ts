import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { cleanText } from '../../common/input-values.js';
import { runAsVisitor } from '../../common/request-context.js';
import { moscowToday, parseProcessingDate } from '../../common/moscow-date.js';
import type { ExplainedDuplicate } from '../client/client-duplicates.js';
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
import {
  assertDraftContinues,
  draftTokenHash,
  newDraftToken,
  parseDraftToken,
  takeOverDraft,
} from './draft-token.js';
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

/** What the public intake answers: the lead, and a draft's key for the visitor's next save. */
export interface ReceivedLead {
  id: number;
  status: LeadStatus;
  draftToken?: string;
}

const MAX_TEXT = 10_000;

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
   * A new lead from a manager (`manual`, a call) or from the form (`form`; the public intake goes
   * through `receive`, which also answers a new draft's key to the visitor):
   * a draft («Формирование запроса», may be partial, notifies nobody) or submitted straight to
   * «Новый» (complete, with consent for the form, and the department's mail in the same transaction).
   */
  async create(body: unknown, options: CreateLeadOptions): Promise<Lead> {
    return (await this.start(body, options)).lead;
  }

  /**
   * What the public form and `POST /api/leads` send. With `draft: true` the input is saved as a
   * draft; otherwise it is submitted («Новый», the department is e-mailed). A new form draft gets
   * a key (`draftToken`, answered to this request only): with it, that same draft is updated or
   * submitted. A draft that is gone is started anew, so nothing the visitor typed is lost; one
   * already submitted, or taken over by a staff member, is refused (409). The visitor's changes of
   * an existing draft are theirs in the audit log («Посетитель формы, IP …»).
   */
  async receive(body: unknown, ip: string): Promise<ReceivedLead> {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const draft = isDraftRequest(body);
    const raw = Object.hasOwn(fields, 'draftToken') ? fields.draftToken : undefined;
    const startAnew = async (): Promise<ReceivedLead> => {
      const { lead, draftToken } = await this.start(body, { source: 'form', draft, ip });
      return { id: lead.id, status: lead.status, ...(draftToken ? { draftToken } : {}) };
    };
    if (raw === undefined || raw === null || raw === '') return startAnew();
    const token = parseDraftToken(raw);
    const input = this.parse(body, draft, 'form');
    const route = await routeOf(this.dataSource.manager, input.objectTypeId);
    const found = (await this.dataSource.query('SELECT id FROM lead WHERE draft_token_hash = $1', [
      draftTokenHash(token),
    ])) as { id: number }[];
    if (found.length === 0) return startAnew();
    const changes = leadFields(input, route?.departmentId ?? null, 'form', ip);
    try {
      const lead = await runAsVisitor(ip, () =>
        draft ? this.saveDraft(found[0].id, changes) : this.submitDraft(found[0].id, changes, route),
      );
      return { id: lead.id, status: lead.status, ...(lead.status === 'draft' ? { draftToken: token } : {}) };
    } catch (error) {
      // Deleted meanwhile (an unsent draft past its retention): started anew, as for a key not known.
      if (error instanceof DomainError && error.status === 404) return startAnew();
      throw error;
    }
  }

  /** The visitor's autosave of their existing draft. */
  private async saveDraft(leadId: number, changes: Partial<Lead>): Promise<Lead> {
    return this.dataSource.transaction(async (manager) => {
      const lead = await this.lockLead(manager, leadId);
      assertDraftContinues(lead);
      await manager.update(Lead, { id: lead.id }, { ...changes, version: lead.version + 1 });
      return manager.findOneByOrFail(Lead, { id: lead.id });
    });
  }

  /** The visitor's submission of their existing draft: «Новый», with the department's mail. */
  private async submitDraft(leadId: number, changes: Partial<Lead>, route: LeadRoute | null): Promise<Lead> {
    const lead = await this.transition(
      leadId,
      'submit',
      null,
      undefined,
      () => ({ ...changes, submittedAt: new Date() }),
      (manager, submitted) => this.enqueueNewLeadMail(manager, submitted, route),
      assertDraftContinues,
    );
    this.dispatcher.kick();
    return lead;
  }

  /** A new lead, with a key when it is a form draft (its hash is stored, the key only answered). */
  private async start(
    body: unknown,
    options: CreateLeadOptions,
  ): Promise<{ lead: Lead; draftToken?: string }> {
    const input = this.parse(body, options.draft, options.source);
    const status = options.draft ? 'draft' : 'new';
    const key = options.draft && options.source === 'form' ? newDraftToken() : undefined;
    const lead = this.dataSource.getRepository(Lead).create({
      ...leadFields(input, null, options.source, options.ip),
      status,
      source: options.source,
      draftTokenRevokedAt: null,
      submittedAt: status === 'new' ? new Date() : null,
    });
    // Written with the leads arriving at the same time, in one statement (see LeadWriter). The
    // key's hash goes to the database only: the lead handed back does not carry it.
    const written = await this.writer.write(
      { ...lead, draftTokenHash: key?.hash ?? null },
      options.actor?.id ?? null,
    );
    return { lead: Object.assign(lead, written), draftToken: key?.token };
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

  /**
   * qualifying → processed («Завершить обработку»): requires «Итог», «Дата обработки» and the outcome.
   * With «Преобразовать в клиента» the lead answered carries the card it became or was linked to.
   */
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
          processed.clientId = await this.clients.createFromLead(
            manager,
            processed,
            input.clientChoice,
            actor,
          );
        }
      },
    );
  }

  /**
   * Client cards that may be this lead's client, for «Завершить обработку» to show before the
   * manager picks «Преобразовать в клиента» (the conversion itself checks them again).
   */
  async possibleClients(leadId: number): Promise<ExplainedDuplicate[]> {
    const lead = await this.dataSource.getRepository(Lead).findOneBy({ id: leadId });
    if (!lead) throw new DomainError('Лид не найден', 404);
    return this.clients.duplicatesOfLead(this.dataSource.manager, lead);
  }

  private async transition(
    leadId: number,
    transition: LeadTransition,
    actor: LeadActor | null,
    expectedVersion: number | undefined,
    changes: (lead: Lead) => Partial<Lead>,
    alongside?: (manager: EntityManager, lead: Lead) => Promise<void>,
    /** Checked before the transition's own rules, to refuse with a more precise message. */
    guard?: (lead: Lead) => void,
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
      guard?.(lead);
      assertLeadTransition(transition, lead.status);
      const { to } = leadTransitions[transition];
      // A staff member's move of a visitor's draft revokes the visitor's key in the same update.
      const update = {
        ...changes(lead),
        ...takeOverDraft(lead, actor),
        status: to,
        version: lead.version + 1,
      };
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

  /** The lead, locked for this transaction, with its draft key's hash (which the rules read). */
  private async lockLead(manager: EntityManager, leadId: number): Promise<Lead> {
    const lead = await manager
      .createQueryBuilder(Lead, 'lead')
      .addSelect('lead.draftTokenHash')
      .where('lead.id = :leadId', { leadId })
      .setLock('pessimistic_write')
      .getOne();
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
