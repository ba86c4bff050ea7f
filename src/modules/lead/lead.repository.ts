import type { EntityManager } from 'typeorm';

import { Lead } from './entities/lead.entity.js';
import type { LeadOutcome, LeadStatus } from './lead-transitions.js';
import type { LeadRoute } from './lead-route.js';

/** One row of lead_status_change as its writers fill it (`changed_at` is the database's now()). */
export interface LeadStatusChangeRow {
  leadId: number;
  /** Null for the lead's creation. */
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus;
  /** Null when the visitor of the public form did it. */
  userId: number | null;
}

/** One line of a lead's status history; `user` is null for the visitor of the public form. */
export interface StatusHistoryEntry {
  changedAt: Date;
  from: LeadStatus | null;
  to: LeadStatus;
  user: string | null;
}

/** The columns a new lead gets once written, answered to its writer. */
export type WrittenLead = Pick<Lead, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'departmentId'>;

/** One new lead of a group statement, with its first status row's author and its mail (JSON input). */
export interface NewLeadRow {
  ord: number;
  status: string;
  source: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  object_type_id: number | null;
  department_id: number | null;
  extra: string | null;
  consent_text_version: string | null;
  consent_at: Date | null;
  consent_ip: string | null;
  /** Hex of the draft key's hash (JSON has no bytes). */
  draft_token_hash: string | null;
  submitted_at: Date | null;
  user_id: number | null;
  mail_kind: string | null;
  mail_to: string[] | null;
  mail_cc: string[] | null;
  mail_subject: string | null;
  mail_body: string | null;
  mail_message_id: string | null;
}

/** The columns of an imported lead (LeadService.importLead). */
export interface ImportedLeadRow {
  status: LeadStatus;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  objectTypeId: number | null;
  departmentId: number | null;
  extra: string | null;
  responsibleUserId: number | null;
  submittedAt: Date | null;
  primaryResult: string | null;
  primaryResultDate: string | null;
  summary: string | null;
  summaryDate: string | null;
  outcome: LeadOutcome | null;
  bitrixId: string | null;
  /** When it came in the other system; null: now. */
  createdAt: Date | null;
  /** Who imports: the author of the first status row. */
  userId: number;
}

/** A «Тип объекта» choice with the department that receives its leads. */
export interface ObjectTypeChoiceRow {
  department: string;
  id: number;
  name: string;
}

/**
 * The one statement that records status changes, from any relation with the columns `lead_id`,
 * `from_status`, `to_status` and `user_id` (LeadStatusChangeRow): a single change
 * (`insertStatusChange`) and the first rows of a group of new leads (LeadWriter) alike.
 */
export function statusChangesInsertedFrom(source: string): string {
  return `INSERT INTO lead_status_change (lead_id, from_status, to_status, user_id)
          SELECT lead_id, from_status, to_status, user_id FROM ${source}`;
}

/**
 * The lead module's reads and writes of the lead tables, in the caller's transaction: a service
 * builds one with its transaction's manager (or the data source's, outside a transaction).
 */
export class LeadRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The lead, locked for this transaction, with its draft key's hash (which the rules read). */
  async lockForChange(leadId: number): Promise<Lead | null> {
    return this.manager
      .createQueryBuilder(Lead, 'lead')
      .addSelect('lead.draftTokenHash')
      .where('lead.id = :leadId', { leadId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async findById(leadId: number): Promise<Lead | null> {
    return this.manager.findOneBy(Lead, { id: leadId });
  }

  async getById(leadId: number): Promise<Lead> {
    return this.manager.findOneByOrFail(Lead, { id: leadId });
  }

  async update(leadId: number, changes: Partial<Lead>): Promise<void> {
    await this.manager.update(Lead, { id: leadId }, changes);
  }

  /** The lead whose draft key hashes to `hash` (a visitor's draft), if any. */
  async idByDraftTokenHash(hash: Buffer): Promise<number | undefined> {
    const rows: { id: number }[] = await this.manager.query(
      'SELECT id FROM lead WHERE draft_token_hash = $1',
      [hash],
    );
    return rows[0]?.id;
  }

  async insertStatusChange(change: LeadStatusChangeRow): Promise<void> {
    await this.manager.query(
      statusChangesInsertedFrom(
        '(VALUES ($1::int, $2::lead_status, $3::lead_status, $4::int)) AS change(lead_id, from_status, to_status, user_id)',
      ),
      [change.leadId, change.fromStatus, change.toStatus, change.userId],
    );
  }

  /** The name of the department the lead belongs to (undefined: none, or no such lead). */
  async departmentName(leadId: number): Promise<string | undefined> {
    const rows: { department: string }[] = await this.manager.query(
      `SELECT d.name AS department FROM lead l JOIN department d ON d.id = l.department_id WHERE l.id = $1`,
      [leadId],
    );
    return rows[0]?.department;
  }

  /** The lead's status history, oldest first, with who made each change. */
  async statusHistory(leadId: number): Promise<StatusHistoryEntry[]> {
    return this.manager.query(
      `SELECT c.changed_at AS "changedAt", c.from_status::text AS "from", c.to_status::text AS "to",
              u.full_name AS "user"
       FROM lead_status_change c LEFT JOIN app_user u ON u.id = c.user_id
       WHERE c.lead_id = $1 ORDER BY c.changed_at, c.id`,
      [leadId],
    );
  }

  /** Every object type with its department, in the order the public form lists them. */
  async objectTypeChoices(): Promise<ObjectTypeChoiceRow[]> {
    return this.manager.query(
      `SELECT d.name AS department, o.id, o.name FROM object_type o JOIN department d ON d.id = o.department_id
       ORDER BY d.position, d.id, o.position, o.name`,
    );
  }

  /** The routes of the given object types, read at once (types that do not exist are absent). */
  async routes(objectTypeIds: number[]): Promise<Map<number, LeadRoute>> {
    if (objectTypeIds.length === 0) return new Map();
    const rows: (LeadRoute & { id: number })[] = await this.manager.query(
      `SELECT o.id, o.name AS "objectType", o.department_id AS "departmentId",
              d.manager_emails AS "managerEmails", d.head_email AS "headEmail"
       FROM object_type o JOIN department d ON d.id = o.department_id WHERE o.id = ANY($1::int[])`,
      [[...new Set(objectTypeIds)]],
    );
    return new Map(rows.map(({ id, ...route }) => [id, route]));
  }

  /** The first object type of a department (the form's order): where an imported lead is filed. */
  async firstObjectType(departmentId: number): Promise<number | undefined> {
    const rows: { id: number }[] = await this.manager.query(
      'SELECT id FROM object_type WHERE department_id = $1 ORDER BY position, name LIMIT 1',
      [departmentId],
    );
    return rows[0]?.id;
  }

  /**
   * An imported lead and its first status row, in one statement; a lead in work gets no deadline
   * (its past is in the other system: no overdue reminders for it), so `due_at`, set by the
   * trigger on insert, is cleared by a second statement for those.
   */
  async insertImported(row: ImportedLeadRow): Promise<{ id: number }> {
    const [lead] = (await this.manager.query(
      `WITH new_lead AS (
         INSERT INTO lead (status, source, name, company, phone, email, object_type_id, department_id, extra,
                           responsible_user_id, submitted_at, primary_result, primary_result_date, summary,
                           summary_date, outcome, bitrix_id, created_at, status_since)
         VALUES ($1, 'manual', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                 coalesce($17, now()), coalesce($17, now()))
         RETURNING id, status
       ),
       first_status AS (${statusChangesInsertedFrom(
         '(SELECT id AS lead_id, NULL::lead_status AS from_status, status AS to_status, $18::int AS user_id FROM new_lead) AS first',
       )})
       SELECT id FROM new_lead`,
      [
        row.status,
        row.name,
        row.company,
        row.phone,
        row.email,
        row.objectTypeId,
        row.departmentId,
        row.extra,
        row.responsibleUserId,
        row.submittedAt,
        row.primaryResult,
        row.primaryResultDate,
        row.summary,
        row.summaryDate,
        row.outcome,
        row.bitrixId,
        row.createdAt,
        row.userId,
      ],
    )) as { id: number }[];
    if (row.status === 'new' || row.status === 'qualifying')
      await this.manager.query('UPDATE lead SET due_at = NULL WHERE id = $1', [lead.id]);
    return lead;
  }

  /**
   * Deletes up to `batch` form drafts unchanged since `before` that no one else holds (SKIP
   * LOCKED), with their audit entries; answers how many.
   */
  async deleteExpiredDrafts(before: Date, batch: number): Promise<number> {
    const [row]: { count: number }[] = await this.manager.query(
      `WITH expired AS (
         SELECT id FROM lead WHERE source = 'form' AND status = 'draft' AND updated_at < $1
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
       ),
       gone AS (DELETE FROM lead l USING expired e WHERE l.id = e.id RETURNING l.id),
       forgotten AS (
         DELETE FROM audit_log a USING gone g WHERE a.table_name = 'lead' AND a.record_id = g.id::text
       )
       SELECT count(*)::int AS count FROM gone`,
      [before, batch],
    );
    return row.count;
  }

  /**
   * One statement: ids drawn first (so the status rows and mails can name their lead), then the
   * leads, their first status rows and their mails (`mailsFrom` inserts the rows of `input`
   * whose `mail_kind` is set). Answers in the order of `rows`.
   */
  async insertNewLeads(rows: NewLeadRow[], mailsFrom: (source: string) => string): Promise<WrittenLead[]> {
    return this.manager.query(
      `WITH input AS MATERIALIZED (
         SELECT nextval(pg_get_serial_sequence('lead', 'id'))::int AS id, r.*
         FROM json_to_recordset($1::json) AS r(
           ord int, status lead_status, source lead_source, name varchar, company varchar, phone varchar,
           email varchar, object_type_id int, department_id int, extra varchar, consent_text_version varchar,
           consent_at timestamptz, consent_ip varchar, draft_token_hash text, submitted_at timestamptz, user_id int,
           mail_kind notification_kind, mail_to varchar[], mail_cc varchar[], mail_subject varchar,
           mail_body text, mail_message_id varchar)
       ),
       new_lead AS (
         INSERT INTO lead (id, status, source, name, company, phone, email, object_type_id, department_id, extra,
                           consent_text_version, consent_at, consent_ip, draft_token_hash, submitted_at)
         SELECT id, status, source, name, company, phone, email, object_type_id, department_id, extra,
                consent_text_version, consent_at, consent_ip, decode(draft_token_hash, 'hex'), submitted_at
         FROM input
         RETURNING id, created_at, updated_at, version, department_id
       ),
       first_status AS (${statusChangesInsertedFrom(
         '(SELECT id AS lead_id, NULL::lead_status AS from_status, status AS to_status, user_id FROM input) AS first',
       )}),
       mail AS (${mailsFrom('input')})
       SELECT l.id, l.created_at AS "createdAt", l.updated_at AS "updatedAt", l.version,
              l.department_id AS "departmentId"
       FROM new_lead l JOIN input i ON i.id = l.id ORDER BY i.ord`,
      [JSON.stringify(rows)],
    );
  }
}
