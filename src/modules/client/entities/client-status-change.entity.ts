import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { User } from '../../user/entities/user.entity.js';
import { Client } from './client.entity.js';

export const clientStatusChangeKinds = [
  'created',
  'item',
  'advanced',
  'stage_set',
  'deactivated',
  'activated',
  'pipeline_changed',
  'contract',
] as const;
export type ClientStatusChangeKind = (typeof clientStatusChangeKinds)[number];

/**
 * The card's status timeline: who changed what, when, from which stage/item to which, with the
 * remark. Stage and item names are kept as they were, so the timeline survives dictionary edits.
 */
@Entity('client_status_change')
@Index('client_status_change_client_at', ['clientId', 'changedAt'])
export class ClientStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'integer' })
  clientId!: number;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client!: Relation<Client>;

  @Column({ type: 'enum', enum: clientStatusChangeKinds, enumName: 'client_status_change_kind' })
  kind!: ClientStatusChangeKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fromStage!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fromItem!: string | null;

  @Column({ type: 'varchar', length: 200 })
  toStage!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  toItem!: string | null;

  /** The manager's remark (the optional mini-block), the reason of a deactivation, or what was recorded. */
  @Column({ type: 'text', nullable: true })
  remark!: string | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
