import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import type { MailAttachment } from './mail-sender.js';
import type { Notification, NotificationKind } from './notification.entity.js';
import {
  NotificationRepository,
  notificationsInsertedFrom,
  type AddressedNotification,
  type ClaimedNotification,
} from './notification.repository.js';

export type { AddressedNotification, ClaimedNotification };

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

/**
 * How the module that writes a kind of mail addresses it now: who receives it (its department's
 * current addresses), and what else to write while nobody does (e.g. a copy to the administrators).
 */
export interface Addressing {
  recipients(notification: AddressedNotification): Promise<Recipients | undefined>;
  whileWaiting?(manager: EntityManager, notification: AddressedNotification): Promise<void>;
}

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
    return new NotificationRepository(manager).insertUnlessPresent({
      kind: input.kind,
      leadId: input.leadId ?? null,
      reportId: input.reportId ?? null,
      to: input.to,
      cc: input.cc,
      subject: input.subject,
      body: input.body,
      dedupeKey: input.dedupeKey ?? null,
      messageId: this.newMessageId(input.kind),
    });
  }

  /**
   * The same write as a part of a larger statement: SQL inserting the notification each row of
   * `source` carries — a CTE with the lead's `id` and the columns `mail_kind`, `mail_to`, `mail_cc`,
   * `mail_subject`, `mail_body`, `mail_message_id` (rows whose `mail_kind` is null carry none) — so
   * leads, their status rows and their mails are written in one round trip.
   */
  insertCarriedBy(source: string): string {
    return notificationsInsertedFrom(source);
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
    return this.outbox().claimDue(limit, CLAIM_SECONDS);
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
      const outbox = new NotificationRepository(manager);
      const { id, claim } = notification;
      if (recipients && recipients.to.length > 0) {
        return (await outbox.addressClaimed(id, claim, recipients.to, recipients.cc))
          ? recipients
          : undefined;
      }
      // Looking for recipients is not an attempt to send: the count stays as it was.
      const released = await outbox.releaseToWait(id, claim, reason, WAITING_RECHECK_SECONDS);
      if (released) await this.addressing.get(notification.kind)?.whileWaiting?.(manager, notification);
      return undefined;
    });
  }

  /**
   * Mail that waits for recipients is looked at now (called when a department's addresses are
   * saved). Answers how many mails wait.
   */
  async recheckWaiting(): Promise<number> {
    return this.outbox().makeWaitingDue();
  }

  /** What the administrators' home warns about: mail waiting for recipients, and mail the server refuses. */
  async outstanding(): Promise<{ waiting: number; failing: number }> {
    return this.outbox().outstanding();
  }

  /** The files a notification carries: a report's PDF. */
  async attachments(notification: Pick<Notification, 'reportId'>): Promise<MailAttachment[]> {
    if (notification.reportId === null || notification.reportId === undefined) return [];
    const rows = await this.outbox().reportFiles(notification.reportId);
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
    await this.outbox().markSent(claims);
  }

  /** Tries again later: exponential backoff from NOTIFICATION_RETRY_BASE_MS up to NOTIFICATION_RETRY_MAX_MS. */
  async markFailed(
    notification: Pick<ClaimedNotification, 'claim' | 'attempts'>,
    error: string,
  ): Promise<void> {
    const { retryBaseMs, retryMaxMs } = this.config.mail;
    const delayMs = Math.min(retryBaseMs * 2 ** Math.max(notification.attempts - 1, 0), retryMaxMs);
    await this.outbox().markFailed(notification.claim, error.slice(0, 2000), delayMs / 1000);
  }

  /**
   * An administrator's «Отправить повторно»: due now, whatever its state, to whoever its kind's
   * module addresses it now (its department's addresses may have been fixed), else as it was.
   */
  async resend(id: string): Promise<void> {
    const notification = await this.outbox().findAddressed(id);
    if (!notification) return;
    const recipients = await this.currentRecipients(notification);
    await this.outbox().requeue(id, recipients);
  }

  /** The outbox outside a transaction. */
  private outbox(): NotificationRepository {
    return new NotificationRepository(this.dataSource.manager);
  }
}
