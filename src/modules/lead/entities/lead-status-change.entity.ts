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
import { leadStatuses, type LeadStatus } from '../lead-transitions.js';
import { Lead } from './lead.entity.js';

/** The lead's status history: who moved it, when, from where to where (written with the change). */
@Entity('lead_status_change')
@Index('lead_status_change_lead_at', ['leadId', 'changedAt'])
// Reports read the changes of a period.
@Index('lead_status_change_at', ['changedAt'])
export class LeadStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'integer' })
  leadId!: number;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead!: Relation<Lead>;

  /** Null for the lead's creation. */
  @Column({ type: 'enum', enum: leadStatuses, enumName: 'lead_status', nullable: true })
  fromStatus!: LeadStatus | null;

  @Column({ type: 'enum', enum: leadStatuses, enumName: 'lead_status' })
  toStatus!: LeadStatus;

  /** Null when the visitor of the public form did it. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
