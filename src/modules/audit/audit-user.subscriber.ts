import { EventSubscriber, type EntitySubscriberInterface, type TransactionStartEvent } from 'typeorm';

import { currentUserId, currentVisitorIp } from '../../common/request-context.js';

/** How the audit log's «Кто» names an anonymous visitor of the public form. */
export const visitorLabel = (ip: string): string => `Посетитель формы, IP ${ip}`;

/**
 * Tells PostgreSQL who is changing things: at the start of every transaction run for a logged-in
 * user, `app.user_id` is set for that transaction only; for a visitor of the public form changing
 * their existing draft, `app.visitor` names them (the audit trigger reads both). Transactions of a
 * new lead from the form, the seeds and the schedule leave both empty.
 */
@EventSubscriber()
export class AuditUserSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    const userId = currentUserId();
    if (userId !== undefined) {
      await event.queryRunner.query(`SELECT set_config('app.user_id', $1, true)`, [String(userId)]);
      return;
    }
    const visitorIp = currentVisitorIp();
    if (visitorIp !== undefined) {
      await event.queryRunner.query(`SELECT set_config('app.visitor', $1, true)`, [visitorLabel(visitorIp)]);
    }
  }
}
