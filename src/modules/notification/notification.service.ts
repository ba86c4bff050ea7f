import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import type { MailAttachment } from './mail-sender.js';
import { Notification, type NotificationKind } from './notification.entity.js';

export interface NotificationInput {
  kind: NotificationKind;
  leadId?: number;
  /** A report mailed to its committee: its PDF is attached when the mail is sent. */
  reportId?: number;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  /** Makes the mail one of its kind (unique): a second enqueue with the same key writes nothing. */
  dedupeKey?: string;
}

/** Seconds a dispatcher may hold a claimed notification before another may take it over. */
export const CLAIM_SECONDS = 60;

@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Writes the notification inside the caller's transaction: it exists exactly when the change does.
   * Answers whether it was written (not when the same mail is there already).
   */
  async enqueue(manager: EntityManager, input: NotificationInput): Promise<boolean> {
    // A second mail of the same kind for the same lead or report, or with the same dedupe key, is
    // never written (unique keys).
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .orIgnore()
      .values({
        kind: input.kind,
        leadId: input.leadId ?? null,
        reportId: input.reportId ?? null,
        to: input.to,
        cc: input.cc,
        subject: input.subject,
        body: input.body,
        dedupeKey: input.dedupeKey ?? null,
        messageId: this.newMessageId(input.kind),
      })
      .returning('id')
      .execute();
    // Whether this call wrote it (false: it was there already).
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * The same write as a part of a larger statement: SQL inserting the notification each row of
   * `source` carries — a CTE with the lead's `id` and the columns `mail_kind`, `mail_to`, `mail_cc`,
   * `mail_subject`, `mail_body`, `mail_message_id` (rows whose `mail_kind` is null carry none) — so
   * leads, their status rows and their mails are written in one round trip.
   */
  insertCarriedBy(source: string): string {
    return `INSERT INTO notification (kind, lead_id, "to", cc, subject, body, message_id)
            SELECT mail_kind, id, mail_to, mail_cc, mail_subject, mail_body, mail_message_id
            FROM ${source} WHERE mail_kind IS NOT NULL ON CONFLICT DO NOTHING`;
  }

  /** A new mail's Message-ID: kept across retries, so a mail sent again after a crash is one mail. */
  newMessageId(kind: NotificationKind): string {
    return `<${kind}.${randomUUID()}@kosino-crm>`;
  }

  /** Takes up to `limit` due notifications for this dispatcher (other instances skip them). */
  async claimDue(limit: number): Promise<Notification[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notification SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM notification
         WHERE state = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, "to", cc, subject, body, message_id AS "messageId", attempts, report_id AS "reportId"`,
      [limit, CLAIM_SECONDS],
    )) as [Notification[], number];
    return rows;
  }

  /** The files a notification carries: a report's PDF. */
  async attachments(notification: Pick<Notification, 'reportId'>): Promise<MailAttachment[]> {
    if (notification.reportId === null || notification.reportId === undefined) return [];
    const rows = (await this.dataSource.query(
      'SELECT file_name AS "fileName", content FROM report_file WHERE report_id = $1',
      [notification.reportId],
    )) as { fileName: string; content: Buffer }[];
    return rows.map((row) => ({
      filename: row.fileName,
      content: row.content,
      contentType: 'application/pdf',
    }));
  }

  /** Records messages as sent — unless an administrator's «Отправить повторно» released them meanwhile. */
  async markSent(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE notification SET state = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL
       WHERE id = ANY($1::bigint[]) AND locked_until IS NOT NULL`,
      [ids],
    );
  }

  /** Tries again later: exponential backoff from NOTIFICATION_RETRY_BASE_MS up to NOTIFICATION_RETRY_MAX_MS. */
  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    const { retryBaseMs, retryMaxMs } = this.config.mail;
    const delayMs = Math.min(retryBaseMs * 2 ** Math.max(attempts - 1, 0), retryMaxMs);
    await this.dataSource.query(
      `UPDATE notification SET locked_until = NULL, last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3)
       WHERE id = $1`,
      [id, error.slice(0, 2000), delayMs / 1000],
    );
  }

  /** An administrator's «Отправить повторно»: due now, whatever its state, to the recipients given. */
  async resend(id: string, recipients?: { to: string[]; cc: string[] }): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET state = 'pending', sent_at = NULL, next_attempt_at = now(), locked_until = NULL,
         "to" = COALESCE($2, "to"), cc = COALESCE($3, cc)
       WHERE id = $1`,
      [id, recipients?.to ?? null, recipients?.cc ?? null],
    );
  }
}
