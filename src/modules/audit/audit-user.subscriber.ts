import { EventSubscriber, type EntitySubscriberInterface, type TransactionStartEvent } from 'typeorm';

import { currentUserId } from '../../common/request-context.js';

/**
 * Tells PostgreSQL who is changing things: at the start of every transaction run for a logged-in
 * user, `app.user_id` is set for that transaction only (the audit trigger reads it). Transactions
 * of the public form, the seeds and the schedule leave it empty.
 */
@EventSubscriber()
export class AuditUserSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    const userId = currentUserId();
    if (userId === undefined) return;
    await event.queryRunner.query(`SELECT set_config('app.user_id', $1, true)`, [String(userId)]);
  }
}
