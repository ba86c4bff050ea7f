import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Client } from '../../client/entities/client.entity.js';
import { User } from '../../user/entities/user.entity.js';
import { dealStatuses, dealStatusLabels, type DealStatus } from '../deal-transitions.js';

export const dealKinds = ['loi', 'contract'] as const;
export type DealKind = (typeof dealKinds)[number];

export const dealKindLabels: Record<DealKind, string> = { loi: 'LOI', contract: 'Договор' };

// The statuses live beside their transitions (deal-transitions.ts); the entity's readers find them here too.
export { dealStatuses, dealStatusLabels, type DealStatus };

/** «Сделки» (docs/product.md §4): the arrangements agreed with a client, line by line (deal_line). */
@Entity('deal')
// An import's re-run finds what it wrote by Bitrix24's ID (ImportBitrixIds migration).
@Index('deal_bitrix_id', ['bitrixId'], { unique: true, where: 'bitrix_id IS NOT NULL' })
@Index('deal_client_date', ['clientId', 'dealDate'])
// Reports count the deals signed in a period.
@Index('deal_signed_at_index', ['signedAt'])
@Check('deal_total_not_negative', `total >= 0`)
// Signed and closed deals carry the time they were signed, drafts none; a cancelled deal may have
// been a draft or signed.
@Check('deal_signed_unless_draft', `status = 'cancelled' OR (status = 'draft') = (signed_at IS NULL)`)
export class Deal extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  clientId!: number;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client!: Relation<Client>;

  /** «Вид продажи». */
  @Column({ type: 'enum', enum: dealKinds, enumName: 'deal_kind' })
  kind!: DealKind;

  @Index()
  @Column({ type: 'enum', enum: dealStatuses, enumName: 'deal_status', default: 'draft' })
  status!: DealStatus;

  /** «Дата сделки». */
  @Column({ type: 'date' })
  dealDate!: string;

  /** Where the terms of the lines start (occupancy of premises counts from here). */
  @Column({ type: 'date' })
  startsOn!: string;

  @Index()
  @Column({ type: 'integer', nullable: true })
  responsibleUserId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_user_id' })
  responsibleUser!: Relation<User> | null;

  /** The sum of the lines (yearly cost × years), kept by DealService. */
  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 })
  total!: string;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** «ID в Битрикс24»: the record an import brought from there; one record per ID (a re-import skips it). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  bitrixId!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;
}
