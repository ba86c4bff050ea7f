import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import type { Lead } from './entities/lead.entity.js';
import { newLeadMail, objectTypeRequired, readRoutes, unknownObjectType } from './lead-route.js';
import { LeadRepository, type NewLeadRow, type WrittenLead } from './lead.repository.js';

/** The columns of a new lead its author fills; the department follows from the object type. */
export type NewLead = Pick<
  Lead,
  | 'status'
  | 'source'
  | 'name'
  | 'company'
  | 'phone'
  | 'email'
  | 'objectTypeId'
  | 'extra'
  | 'consentTextVersion'
  | 'consentAt'
  | 'consentIp'
  | 'draftTokenHash'
  | 'submittedAt'
>;

interface Pending {
  lead: NewLead;
  actorId: number | null;
  resolve: (written: WrittenLead) => void;
  reject: (error: unknown) => void;
}

/** Statements in flight at once (the rest of the pool serves the back-office). */
const CONCURRENT_WRITES = 2;
/** Leads in one statement at most. */
const GROUP_SIZE = 64;

/**
 * Writes new leads — each with its first status row (the shape LeadRepository writes every status row in) and, when it is submitted, its department's
 * mail — by group commit: leads that arrive while earlier statements are in flight are written
 * together, their routes read in one query and the rows inserted in one statement (one round
 * trip and one WAL flush for the group instead of two round trips and a flush per lead). Alone,
 * a lead is written at once. A statement is atomic: when a group fails, each of its leads is
 * written alone, so one lead's refusal is its own and the others are written.
 */
@Injectable()
export class LeadWriter {
  private readonly queue: Pending[] = [];
  private writing = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  write(lead: NewLead, actorId: number | null): Promise<WrittenLead> {
    return new Promise((resolve, reject) => {
      const pending = { lead, actorId, resolve, reject };
      // A back-office user's lead (a call) is written in a transaction of its own, so that the
      // audit log knows who wrote it; the public form's leads go by group commit.
      if (actorId !== null) void this.writeAlone(pending);
      else {
        this.queue.push(pending);
        this.pump();
      }
    });
  }

  private async writeAlone(pending: Pending): Promise<void> {
    try {
      const written = await this.dataSource.transaction(async (manager) => {
        const rows = await this.inputRows([pending], manager);
        return rows.length === 0 ? undefined : (await this.insert([rows[0].row], manager))[0];
      });
      if (written === undefined) return; // refused by its object type, answered already
      pending.resolve(written);
      if (pending.lead.status === 'new') this.dispatcher.kick();
    } catch (error) {
      pending.reject(error);
    }
  }

  private pump(): void {
    while (this.writing < CONCURRENT_WRITES && this.queue.length > 0) {
      const group = this.queue.splice(0, GROUP_SIZE);
      this.writing += 1;
      void this.writeGroup(group).finally(() => {
        this.writing -= 1;
        this.pump();
      });
    }
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    try {
      const rows = await this.inputRows(group);
      if (rows.length === 0) return;
      const written = await this.insert(rows.map(({ row }) => row));
      for (const [index, { pending }] of rows.entries()) pending.resolve(written[index]);
      if (rows.some(({ row }) => row.mail_kind !== null)) this.dispatcher.kick();
    } catch (error) {
      if (group.length === 1 || !refusedData(error)) {
        for (const pending of group) pending.reject(error);
        return;
      }
      // The database refused a value: nothing of the group was written. Each lead alone, one
      // after another, so only the one at fault is refused (and the pool stays free meanwhile).
      for (const pending of group) await this.writeGroup([pending]);
    }
  }

  /** The group's statement input; leads refused by their object type are answered here. */
  private async inputRows(
    group: Pending[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ pending: Pending; row: NewLeadRow }[]> {
    const typeIds = group.flatMap(({ lead }) => (lead.objectTypeId === null ? [] : [lead.objectTypeId]));
    const routes = await readRoutes(manager, typeIds);
    const rows: { pending: Pending; row: NewLeadRow }[] = [];
    for (const pending of group) {
      const { lead, actorId } = pending;
      const route = lead.objectTypeId === null ? null : routes.get(lead.objectTypeId);
      if (route === undefined) {
        pending.reject(unknownObjectType());
        continue;
      }
      if (lead.status === 'new' && route === null) {
        pending.reject(objectTypeRequired());
        continue;
      }
      const mail = lead.status === 'new' && route ? newLeadMail(lead, route) : null;
      rows.push({
        pending,
        row: {
          ord: rows.length,
          status: lead.status,
          source: lead.source,
          name: lead.name,
          company: lead.company,
          phone: lead.phone,
          email: lead.email,
          object_type_id: lead.objectTypeId,
          department_id: route?.departmentId ?? null,
          extra: lead.extra,
          consent_text_version: lead.consentTextVersion,
          consent_at: lead.consentAt,
          consent_ip: lead.consentIp,
          draft_token_hash: lead.draftTokenHash?.toString('hex') ?? null,
          submitted_at: lead.submittedAt,
          user_id: actorId,
          mail_kind: mail?.kind ?? null,
          mail_to: mail?.to ?? null,
          mail_cc: mail?.cc ?? null,
          mail_subject: mail?.subject ?? null,
          mail_body: mail?.body ?? null,
          mail_message_id: mail ? this.notifications.newMessageId(mail.kind) : null,
        },
      });
    }
    return rows;
  }

  /** The group's leads, their first status rows and their mails, in one statement (LeadRepository). */
  private async insert(
    rows: NewLeadRow[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WrittenLead[]> {
    return new LeadRepository(manager).insertNewLeads(rows, (source) =>
      this.notifications.insertCarriedBy(source),
    );
  }
}

/**
 * A refusal of the statement's data (SQLSTATE class 22, data exception, or 23, integrity
 * constraint): the group wrote nothing and another try of each lead alone makes sense. A lost
 * connection is not retried — the group may have committed, and a retry would write it twice.
 */
function refusedData(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
  return typeof code === 'string' && /^2[23]/.test(code);
}
