import type { EntityManager } from 'typeorm';

import { Notification, type NotificationKind } from './notification.entity.js';

/** The columns of a new notification its writer fills. */
export interface NewNotificationRow {
  kind: NotificationKind;
  leadId: number | null;
  reportId: number | null;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  dedupeKey: string | null;
  messageId: string;
}

/** A notification taken by a dispatcher, with the claim that lets it record the outcome. */
export type ClaimedNotification = Pick<
  Notification,
  | 'id'
  | 'kind'
  | 'to'
  | 'cc'
  | 'subject'
  | 'body'
  | 'messageId'
  | 'attempts'
  | 'reportId'
  | 'leadId'
  | 'dedupeKey'
> & { claim: string };

/** What a kind's owner needs to know of a notification to address it. */
export type AddressedNotification = Pick<
  Notification,
  'id' | 'kind' | 'leadId' | 'reportId' | 'dedupeKey' | 'subject' | 'body'
>;

export interface OutstandingRow {
  waiting: number;
  failing: number;
}

export interface ReportFileRow {
  fileName: string;
  content: Buffer;
}

/**
 * SQL inserting the notification each row of `source` carries — a relation with the lead's `id`
 * and the columns `mail_kind`, `mail_to`, `mail_cc`, `mail_subject`, `mail_body`,
 * `mail_message_id` (rows whose `mail_kind` is null carry none) — for a larger statement.
 */
export function notificationsInsertedFrom(source: string): string {
  return `INSERT INTO notification (kind, lead_id, "to", cc, subject, body, message_id)
          SELECT mail_kind, id, mail_to, mail_cc, mail_subject, mail_body, mail_message_id
          FROM ${source} WHERE mail_kind IS NOT NULL ON CONFLICT DO NOTHING`;
}

/** The outbox's reads and writes, in the caller's transaction (or the data source's manager). */
export class NotificationRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Writes the notification unless the same mail is there already (a unique key: the kind with
   * the lead or the report, or the dedupe key). Answers whether this call wrote it.
   */
  async insertUnlessPresent(row: NewNotificationRow): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .orIgnore()
      .values(row)
      .returning('id')
      .execute();
    const written: unknown[] = result.raw;
    return written.length > 0;
  }

  /** Takes up to `limit` due notifications for `seconds` (other instances skip them). */
  async claimDue(limit: number, seconds: number): Promise<ClaimedNotification[]> {
    const [rows]: [ClaimedNotification[], number] = await this.manager.query(
      `UPDATE notification
       SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1, claim = gen_random_uuid()
       WHERE id IN (
         SELECT id FROM notification
         WHERE state = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, "to", cc, subject, body, message_id AS "messageId", attempts, report_id AS "reportId",
         lead_id AS "leadId", dedupe_key AS "dedupeKey", claim`,
      [limit, seconds],
    );
    return rows;
  }

  /** Addresses a claimed mail as a fresh first attempt; false when the claim is no longer held. */
  async addressClaimed(id: string, claim: string, to: string[], cc: string[]): Promise<boolean> {
    const [, updated]: [unknown, number] = await this.manager.query(
      `UPDATE notification SET "to" = $3, cc = $4, attempts = 1, last_error = NULL
       WHERE id = $1 AND claim = $2`,
      [id, claim, to, cc],
    );
    return updated === 1;
  }

  /**
   * Releases a claimed mail to wait `seconds` with `reason` shown; not counted as an attempt.
   * False when the claim is no longer held.
   */
  async releaseToWait(id: string, claim: string, reason: string, seconds: number): Promise<boolean> {
    const [, updated]: [unknown, number] = await this.manager.query(
      `UPDATE notification SET locked_until = NULL, claim = NULL, last_error = $3, attempts = attempts - 1,
         next_attempt_at = now() + make_interval(secs => $4)
       WHERE id = $1 AND claim = $2`,
      [id, claim, reason, seconds],
    );
    return updated === 1;
  }

  /** Makes the mails waiting for recipients due now; answers how many wait. */
  async makeWaitingDue(): Promise<number> {
    const [, count]: [unknown, number] = await this.manager.query(
      `UPDATE notification SET next_attempt_at = now()
       WHERE state = 'pending' AND cardinality("to") = 0`,
    );
    return count;
  }

  async outstanding(): Promise<OutstandingRow> {
    const [row]: OutstandingRow[] = await this.manager.query(
      `SELECT count(*) FILTER (WHERE cardinality("to") = 0)::int AS waiting,
              count(*) FILTER (WHERE cardinality("to") > 0 AND last_error IS NOT NULL)::int AS failing
       FROM notification WHERE state = 'pending'`,
    );
    return row;
  }

  async reportFiles(reportId: number): Promise<ReportFileRow[]> {
    return this.manager.query(
      'SELECT file_name AS "fileName", content FROM report_file WHERE report_id = $1',
      [reportId],
    );
  }

  async markSent(claims: string[]): Promise<void> {
    await this.manager.query(
      `UPDATE notification SET state = 'sent', sent_at = now(), locked_until = NULL, claim = NULL, last_error = NULL
       WHERE claim = ANY($1::uuid[])`,
      [claims],
    );
  }

  async markFailed(claim: string, error: string, retryInSeconds: number): Promise<void> {
    await this.manager.query(
      `UPDATE notification SET locked_until = NULL, claim = NULL, last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3)
       WHERE claim = $1`,
      [claim, error, retryInSeconds],
    );
  }

  async findAddressed(id: string): Promise<AddressedNotification | undefined> {
    const rows: AddressedNotification[] = await this.manager.query(
      `SELECT id, kind, lead_id AS "leadId", report_id AS "reportId", dedupe_key AS "dedupeKey", subject, body
       FROM notification WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Due now, whatever its state; to the recipients given, else as it was. */
  async requeue(id: string, recipients: { to: string[]; cc: string[] } | undefined): Promise<void> {
    await this.manager.query(
      `UPDATE notification SET state = 'pending', sent_at = NULL, next_attempt_at = now(), locked_until = NULL,
         claim = NULL, "to" = COALESCE($2, "to"), cc = COALESCE($3, cc)
       WHERE id = $1`,
      [id, recipients?.to ?? null, recipients?.cc ?? null],
    );
  }
}
