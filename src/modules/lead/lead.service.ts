import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { cleanText } from '../../common/input-values.js';
import { moscowToday, parseProcessingDate } from '../../common/moscow-date.js';
import type { ExplainedDuplicate } from '../client/client-duplicates.js';
import { ClientService, type ConversionChoice } from '../client/client.service.js';
import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import { Lead } from './entities/lead.entity.js';
import { leadChangedMeanwhile, leadNotFound } from './lead-errors.js';
import { leadColumns, parseLeadInput, requireLeadInput } from './lead-input.js';
import { LeadRepository, type StatusHistoryEntry } from './lead.repository.js';
import { leadRecipients } from './lead-notification.js';
import { newLeadMail, objectTypeRequired, routeOf, type LeadRoute } from './lead-route.js';
import { LeadWriter } from './lead-writer.js';
import { writeImportedLead, type ImportLeadInput } from './lead-import.js';
import { assertDraftContinues, newDraftToken, takeOverDraft } from './draft-token.js';
import { refuseOtherDepartment } from '../user/department-access.js';
import {
  assertLeadTransition,
  leadOutcomes,
  leadTransitions,
  type LeadOutcome,
  type LeadTransition,
} from './lead-transitions.js';

export type { StatusHistoryEntry, ImportLeadInput };

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

/** The lead lifecycle (docs/product.md §1.3): every status change goes through one of these methods. */
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
   * draft → new by the visitor of the public form, through their draft's key (LeadIntakeService):
   * «Новый», with the department's mail; a draft no longer theirs is refused first.
   */
  async submitVisitorDraft(leadId: number, changes: Partial<Lead>, route: LeadRoute | null): Promise<Lead> {
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
  async start(body: unknown, options: CreateLeadOptions): Promise<{ lead: Lead; draftToken?: string }> {
    const input = requireLeadInput(body, options.draft, options.source);
    const status = options.draft ? 'draft' : 'new';
    const key = options.draft && options.source === 'form' ? newDraftToken() : undefined;
    const lead = this.dataSource.getRepository(Lead).create({
      ...leadColumns(input, null, options.source, options.ip),
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

  /**
   * A lead an import brings from Bitrix24 or a file, written in the import's transaction with the
   * status it had there (lead-import.ts): no department mail, no deadline, no reminders.
   */
  async importLead(
    manager: EntityManager,
    input: ImportLeadInput,
    actor: LeadActor,
  ): Promise<{ id: number }> {
    return writeImportedLead(manager, input, actor);
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
            'lead.draft_incomplete',
            `Черновик нельзя отправить в работу: ${Object.values(parsed.errors).join('; ')}.`,
            { fields: parsed.errors },
          );
        }
        return { submittedAt: new Date() };
      },
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

  /**
   * qualifying → processed («Завершить обработку»): requires «Итог», «Дата обработки» and the outcome.
   * With «Преобразовать в клиента» the lead answered carries the card it became or was linked to.
   */
  async finishProcessing(leadId: number, input: FinishProcessingInput, actor: LeadActor): Promise<Lead> {
    const summary = requiredText(input.summary, 'summary', 'Итог');
    const summaryDate = processingDate(input.processedOn);
    if (!leadOutcomes.includes(input.outcome)) {
      throw new DomainError('lead.outcome_required', 'Выберите итог обработки', {
        fields: { outcome: 'Выберите «Не активен» или «Преобразовать в клиента»' },
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
    const lead = await new LeadRepository(this.dataSource.manager).findById(leadId);
    if (!lead) throw leadNotFound();
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
      const leads = new LeadRepository(manager);
      const lead = await leads.lockForChange(leadId);
      if (!lead) throw leadNotFound();
      await refuseOtherDepartment(manager, actor, lead.departmentId);
      if (expectedVersion !== undefined && expectedVersion !== lead.version) throw leadChangedMeanwhile();
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
      await leads.update(lead.id, update);
      await leads.insertStatusChange({
        leadId: lead.id,
        fromStatus: lead.status,
        toStatus: to,
        userId: actor?.id ?? null,
      });
      const changed = await leads.getById(lead.id);
      await alongside?.(manager, changed);
      return changed;
    });
  }

  /** The docs/product.md §1.2 mail, in the transaction that makes the lead «Новый». */
  private async enqueueNewLeadMail(
    manager: EntityManager,
    lead: Lead,
    known?: LeadRoute | null,
  ): Promise<void> {
    const route = known ?? (await routeOf(manager, lead.objectTypeId));
    if (!route) throw objectTypeRequired();
    await this.notifications.enqueue(manager, { ...newLeadMail(lead, route), leadId: lead.id });
  }

  /** The lead's status history, oldest first, with who made each change. */
  async statusHistory(leadId: number): Promise<StatusHistoryEntry[]> {
    return new LeadRepository(this.dataSource.manager).statusHistory(leadId);
  }

  /** Who should receive the lead's mail now (used when an administrator resends it). */
  async currentRecipients(leadId: number): Promise<{ to: string[]; cc: string[] }> {
    const lead = await new LeadRepository(this.dataSource.manager).getById(leadId);
    const route = await routeOf(this.dataSource.manager, lead.objectTypeId);
    return route ? leadRecipients(route.managerEmails, route.headEmail) : { to: [], cc: [] };
  }
}

function requiredText(value: unknown, field: string, label: string): string {
  const text = typeof value === 'string' ? cleanText(value) : '';
  if (text === '')
    throw new DomainError('lead.field_required', `Заполните поле «${label}»`, {
      fields: { [field]: `Заполните поле «${label}»` },
    });
  if (text.length > MAX_TEXT) {
    throw new DomainError('lead.field_too_long', `Поле «${label}» длиннее ${MAX_TEXT} символов`, {
      fields: { [field]: `Не длиннее ${MAX_TEXT} символов` },
    });
  }
  return text;
}

/** «Дата обработки»: a real calendar date, not in the future; today (Moscow) by default. */
function processingDate(value: string | undefined): string {
  return parseProcessingDate(value, 'processedOn', 'Дата обработки');
}
