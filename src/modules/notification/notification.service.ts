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
/** How often a mail with nobody to go to looks again for its recipients (they may have been filled). */
export const WAITING_RECHECK_SECONDS = 30;

export interface Recipients {
  to: string[];
  cc: string[];
}

/** What a kind's owner needs to know of a notification to address it. */
export type AddressedNotification = Pick<
  Notification,
  'id' | 'kind' | 'leadId' | 'reportId' | 'dedupeKey' | 'subject' | 'body'
>;

/**
 * How the module that writes a kind of mail addresses it now: who receives it (its department's
 * current addresses), and what else to write while nobody does (e.g. a copy to the administrators).
 */
export interface Addressing {
  recipients(notification: AddressedNotification): Promise<Recipients | undefined>;
  whileWaiting?(manager: EntityManager, notification: AddressedNotification): Promise<void>;
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

@Injectable()
export class NotificationService {
  private readonly addressing = new Map<NotificationKind, Addressing>();

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

  /** Called by the module that writes `kind` mails: how to address them when they wait for recipients. */
  addressWith(kind: NotificationKind, addressing: Addressing): void {
    this.addressing.set(kind, addressing);
  }

  /** Who should receive the notification now, as its kind's module says (undefined: it does not say). */
  async currentRecipients(notification: AddressedNotification): Promise<Recipients | undefined> {
    return this.addressing.get(notification.kind)?.recipients(notification);
  }

  /** Takes up to `limit` due notifications for this dispatcher (other instances skip them). */
  async claimDue(limit: number): Promise<ClaimedNotification[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notification
       SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1, claim = gen_random_uuid()
       WHERE id IN (
         SELECT id FROM notification
         WHERE state = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, "to", cc, subject, body, message_id AS "messageId", attempts, report_id AS "reportId",
         lead_id AS "leadId", dedupe_key AS "dedupeKey", claim`,
      [limit, CLAIM_SECONDS],
    )) as [ClaimedNotification[], number];
    return rows;
  }

  /**
   * A claimed mail written when nobody was to receive it: addressed to whoever its department lists
   * now. Answers the recipients, or undefined while there are still none — then the mail waits
   * (looked at again every WAITING_RECHECK_SECONDS, and at once when a department is saved) with
   * `reason` shown to the administrators, and its kind's module writes what it writes meanwhile.
   */
  async addressWaiting(notification: ClaimedNotification, reason: string): Promise<Recipients | undefined> {
    const recipients = await this.currentRecipients(notification);
    return this.dataSource.transaction(async (manager) => {
      if (recipients && recipients.to.length > 0) {
        const [, updated] = (await manager.query(
          `UPDATE notification SET "to" = $3, cc = $4, attempts = 1, last_error = NULL
           WHERE id = $1 AND claim = $2`,
          [notification.id, notification.claim, recipients.to, recipients.cc],
        )) as [unknown, number];
        return updated === 1 ? recipients : undefined;
      }
      // Looking for recipients is not an attempt to send: the count stays as it was.
      const [, updated] = (await manager.query(
        `UPDATE notification SET locked_until = NULL, claim = NULL, last_error = $3, attempts = attempts - 1,
           next_attempt_at = now() + make_interval(secs => $4)
         WHERE id = $1 AND claim = $2`,
        [notification.id, notification.claim, reason, WAITING_RECHECK_SECONDS],
      )) as [unknown, number];
      if (updated === 1) await this.addressing.get(notification.kind)?.whileWaiting?.(manager, notification);
      return undefined;
    });
  }

  /**
   * Mail that waits for recipients is looked at now (called when a department's addresses are
   * saved). Answers how many mails wait.
   */
  async recheckWaiting(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE notification SET next_attempt_at = now()
       WHERE state = 'pending' AND cardinality("to") = 0`,
    )) as [unknown, number];
    return count;
  }

  /** What the administrators' home warns about: mail waiting for recipients, and mail the server refuses. */
  async outstanding(): Promise<{ waiting: number; failing: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE cardinality("to") = 0)::int AS waiting,
              count(*) FILTER (WHERE cardinality("to") > 0 AND last_error IS NOT NULL)::int AS failing
       FROM notification WHERE state = 'pending'`,
    )) as { waiting: number; failing: number }[];
    return row;
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

  /**
   * Records messages as sent by the claims their dispatcher held — not one an administrator's
   * «Отправить повторно» released meanwhile (and another dispatcher may have claimed since).
   */
  async markSent(claims: string[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `UPDATE notification SET state = 'sent', sent_at = now(), locked_until = NULL, claim = NULL, last_error = NULL
       WHERE claim = ANY($1::uuid[])`,
      [claims],
    );
  }

  /** Tries again later: exponential backoff from NOTIFICATION_RETRY_BASE_MS up to NOTIFICATION_RETRY_MAX_MS. */
  async markFailed(
    notification: Pick<ClaimedNotification, 'claim' | 'attempts'>,
    error: string,
  ): Promise<void> {
    const { retryBaseMs, retryMaxMs } = this.config.mail;
    const delayMs = Math.min(retryBaseMs * 2 ** Math.max(notification.attempts - 1, 0), retryMaxMs);
    await this.dataSource.query(
      `UPDATE notification SET locked_until = NULL, claim = NULL, last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3)
       WHERE claim = $1`,
      [notification.claim, error.slice(0, 2000), delayMs / 1000],
    );
  }

  /**
   * An administrator's «Отправить повторно»: due now, whatever its state, to whoever its kind's
   * module addresses it now (its department's addresses may have been fixed), else as it was.
   */
  async resend(id: string): Promise<void> {
    const [notification] = (await this.dataSource.query(
      `SELECT id, kind, lead_id AS "leadId", report_id AS "reportId", dedupe_key AS "dedupeKey", subject, body
       FROM notification WHERE id = $1`,
      [id],
    )) as AddressedNotification[];
    if (!notification) return;
    const recipients = await this.currentRecipients(notification);
    await this.dataSource.query(
      `UPDATE notification SET state = 'pending', sent_at = NULL, next_attempt_at = now(), locked_until = NULL,
         claim = NULL, "to" = COALESCE($2, "to"), cc = COALESCE($3, cc)
       WHERE id = $1`,
      [id, recipients?.to ?? null, recipients?.cc ?? null],
    );
  }
}
