import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { BaseEntity } from 'typeorm';

import { Lead } from '../lead/entities/lead.entity.js';
import { Report } from '../report/entities/report.entity.js';

export const notificationKinds = [
  'lead_created',
  'report',
  'overdue_digest',
  'overdue_item',
  /** A copy of a new lead's mail to the administrators while its department lists no addresses. */
  'lead_unrouted',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationStates = ['pending', 'sent'] as const;
export type NotificationState = (typeof notificationStates)[number];

/**
 * The outbox: an e-mail the system has promised to send, written in the same transaction as the
 * change that causes it, and sent by NotificationDispatcher until the mail server accepts it.
 */
@Entity('notification')
@Index('notification_due', ['state', 'nextAttemptAt'])
@Unique('notification_kind_lead_unique', ['kind', 'leadId'])
@Unique('notification_kind_report_unique', ['kind', 'reportId'])
@Check('notification_sent_has_time', `state <> 'sent' OR sent_at IS NOT NULL`)
export class Notification extends BaseEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'enum', enum: notificationKinds, enumName: 'notification_kind' })
  kind!: NotificationKind;

  @Column({ type: 'integer', nullable: true })
  leadId!: number | null;

  @ManyToOne(() => Lead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id' })
  lead!: Relation<Lead> | null;

  /** A report mailed to its committee: the PDF is attached when the mail is sent. */
  @Column({ type: 'integer', nullable: true })
  reportId!: number | null;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report!: Relation<Report> | null;

  @Column({ type: 'varchar', length: 254, array: true })
  to!: string[];

  @Column({ type: 'varchar', length: 254, array: true, default: () => `'{}'` })
  cc!: string[];

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /**
   * What makes a mail one of its kind when no record does (e.g. `digest:<department>:<day>`,
   * `overdue:lead:<id>:<due>`): written with ON CONFLICT DO NOTHING, so a job run twice, or by two
   * instances at once, writes one mail.
   */
  @Column({ type: 'varchar', length: 200, nullable: true, unique: true })
  dedupeKey!: string | null;

  /** Stable across retries, so a mail sent twice after a crash is recognisably one message. */
  @Column({ type: 'varchar', length: 200, unique: true })
  messageId!: string;

  @Column({ type: 'enum', enum: notificationStates, enumName: 'notification_state', default: 'pending' })
  state!: NotificationState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** A dispatcher that claimed the row holds it until then; after a crash another one takes over. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /**
   * The claim a dispatcher holds (new at every claim): only its holder may record the outcome, so a
   * mail an administrator sent again, and another instance claimed, is not marked sent by the first.
   */
  @Column({ type: 'uuid', nullable: true })
  claim!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
