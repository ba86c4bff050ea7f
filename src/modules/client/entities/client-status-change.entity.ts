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

import { Stage } from '../../pipeline/entities/stage.entity.js';
import { StageItem } from '../../pipeline/entities/stage-item.entity.js';
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
// Reports read the changes of a period.
@Index('client_status_change_at', ['changedAt'])
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

  /**
   * The stage and item moved to, as dictionary rows (the names above are what people read; the
   * ids are what reports count by, in the right pipeline). Empty for rows older than reports.
   */
  @Index()
  @Column({ type: 'integer', nullable: true })
  toStageId!: number | null;

  @ManyToOne(() => Stage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'to_stage_id' })
  toStageRow!: Relation<Stage> | null;

  @Column({ type: 'integer', nullable: true })
  toStageItemId!: number | null;

  @ManyToOne(() => StageItem, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'to_stage_item_id' })
  toStageItemRow!: Relation<StageItem> | null;

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
