import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { HistoryEventType } from '../../dictionary/entities/named-dictionary.entities.js';
import { User } from '../../user/entities/user.entity.js';
import { Client } from './client.entity.js';

/**
 * «История» (docs/product.md §4): one activity with a client — its type, a comment, its date. Managers add
 * them; the system adds them for a lead's conversion and for contract signing.
 */
@Entity('history_event')
@Index('history_event_client_date', ['clientId', 'eventDate'])
// Reports count the events recorded in a period.
@Index('history_event_created_at', ['createdAt'])
// «Запланировано на сегодня»: a user's planned events of a day (partial, written by hand in the
// Deadlines migration).
@Index('history_event_planned_user_date', { synchronize: false })
@Check('history_event_comment_not_blank', `btrim(comment) <> ''`)
@Check(
  'history_event_attachments_aligned',
  `cardinality(attachment_keys) = cardinality(attachment_names) AND cardinality(attachment_keys) = cardinality(attachment_mime_types) AND cardinality(attachment_keys) = cardinality(attachment_sizes)`,
)
export class HistoryEvent extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  clientId!: number;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client!: Relation<Client>;

  /** «Тип события». */
  @Index()
  @Column({ type: 'integer' })
  typeId!: number;

  @ManyToOne(() => HistoryEventType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_id' })
  type!: Relation<HistoryEventType>;

  /** The comment (multi-line). */
  @Column({ type: 'text' })
  comment!: string;

  /** «Дата события»: today by default, editable; in the future only for a planned event. */
  @Column({ type: 'date' })
  eventDate!: string;

  /** Who wrote it; null for events the system recorded without a person. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User> | null;

  /**
   * Attached files (@adminjs/upload, `multiple`): where each is stored under UPLOAD_DIR, its
   * original name, type and size, index by index.
   */
  @Column({ type: 'varchar', length: 500, array: true, default: () => `'{}'` })
  attachmentKeys!: string[];

  @Column({ type: 'varchar', length: 255, array: true, default: () => `'{}'` })
  attachmentNames!: string[];

  @Column({ type: 'varchar', length: 200, array: true, default: () => `'{}'` })
  attachmentMimeTypes!: string[];

  @Column({ type: 'integer', array: true, default: () => `'{}'` })
  attachmentSizes!: number[];

  /** «Запланировано»: an event still to happen (it may be dated in the future); unticked once done. */
  @Column({ type: 'boolean', default: false })
  planned!: boolean;

  /** Set for the events the system records itself (lead_processing, agreement_signing). */
  @Column({ type: 'boolean', default: false })
  automatic!: boolean;
}
