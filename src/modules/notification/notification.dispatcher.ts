import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { runAs } from '../../common/request-context.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { createMailSender, type MailSender } from './mail-sender.js';
import type { NotificationKind } from './notification.entity.js';
import { CLAIM_SECONDS, NotificationService } from './notification.service.js';

const BATCH = 20;
/** Why a mail waits, as the administrators read it under «Уведомления». */
const NO_RECIPIENTS: Record<NotificationKind, string> = {
  lead_created:
    'Ждёт получателей: у департамента не указана эл. почта менеджеров и руководителя. Письмо уйдёт само в течение минуты после того, как адреса будут указаны; администраторы получили копию.',
  report:
    'Ждёт получателей: у департамента не указаны получатели отчётов комитета. Письмо уйдёт само в течение минуты после того, как они будут указаны.',
  overdue_digest:
    'Ждёт получателя: у департамента не указана эл. почта руководителя. Письмо уйдёт само в течение минуты после того, как она будет указана.',
  overdue_item:
    'Ждёт получателя: не указана эл. почта ответственного или менеджеров департамента. Письмо уйдёт само в течение минуты после того, как она будет указана.',
  lead_unrouted: 'Ждёт получателей: нет активных администраторов.',
};

/**
 * Sends the outbox: polls for due notifications (and is kicked right after a commit that wrote
 * one), sends each, and records the outcome. Safe with several app instances (rows are claimed).
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private sender!: MailSender;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private kickedWhileRunning = false;
  /** Claims of mail sent but not yet recorded as sent (the database was away when it was). */
  private unrecorded: string[] = [];

  constructor(
    private readonly notifications: NotificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sender = createMailSender(this.config.mail);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.sender?.close();
  }

  /** Look now rather than at the next poll (called after a transaction that enqueued mail commits). */
  kick(): void {
    if (this.running) this.kickedWhileRunning = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    // Outside any request's context (a kick comes from a request): the polling is nobody's work.
    this.timer = runAs(undefined, () =>
      setTimeout(() => {
        this.running = this.tick().finally(() => {
          this.running = undefined;
          // A notification committed while this round ran may have missed its query: look again now.
          this.schedule(this.kickedWhileRunning ? 0 : this.config.mail.pollMs);
          this.kickedWhileRunning = false;
        });
      }, delayMs),
    );
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      // Mail sent while the database was away: recorded first, before its claim runs out and it
      // would be taken (and sent) again.
      if (this.unrecorded.length > 0) {
        await this.notifications.markSent(this.unrecorded);
        this.unrecorded = [];
      }
      for (;;) {
        const due = await this.notifications.claimDue(BATCH);
        await this.sendBatch(due);
        if (due.length < BATCH || this.stopped) return;
      }
    } catch (error) {
      // The database may be away; the next poll tries again.
      this.logger.warn({ err: error }, 'Рассылка уведомлений не удалась, повторю при следующем опросе');
    }
  }

  /**
   * Sends a claimed batch. What was sent is recorded in one statement — at the end, whatever
   * happens (finally), and sooner when half the claim has passed — so that no other sender takes
   * over a message already sent; a crash before it only makes the same message (same Message-ID)
   * go again after the claim expires.
   */
  private async sendBatch(due: Awaited<ReturnType<NotificationService['claimDue']>>): Promise<void> {
    let sent: string[] = [];
    let since = Date.now();
    const record = async () => {
      const claims = [...this.unrecorded, ...sent];
      sent = [];
      since = Date.now();
      this.unrecorded = claims; // until the database has them
      await this.notifications.markSent(claims);
      this.unrecorded = [];
    };
    try {
      for (const notification of due) {
        if (this.stopped) break;
        if (Date.now() - since > (CLAIM_SECONDS * 1000) / 2) await record();
        if (notification.to.length === 0) {
          // Written when nobody was to receive it: whoever the department lists now, or it waits.
          const recipients = await this.notifications.addressWaiting(
            notification,
            NO_RECIPIENTS[notification.kind],
          );
          if (!recipients) continue;
          Object.assign(notification, recipients);
        }
        try {
          await this.sender.send({
            to: notification.to,
            cc: notification.cc,
            subject: notification.subject,
            text: notification.body,
            messageId: notification.messageId,
            attachments: await this.notifications.attachments(notification),
          });
          sent.push(notification.claim);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.logger.warn(
            { notificationId: notification.id, attempts: notification.attempts, error: message },
            'Письмо не отправлено, будет повторная попытка',
          );
          await this.notifications.markFailed(notification, message);
        }
      }
    } finally {
      await record();
    }
  }
}
