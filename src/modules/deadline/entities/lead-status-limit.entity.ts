import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { leadStatuses, type LeadStatus } from '../../lead/lead-transitions.js';

/**
 * «Сроки обработки лидов»: how many working hours a lead may stay in a status a manager works
 * («Новый», «Выяснение потребности»). A status without a row has no deadline.
 */
@Entity('lead_status_limit')
@Check('lead_status_limit_worked_status', `status IN ('new', 'qualifying')`)
@Check('lead_status_limit_positive', `working_hours > 0 AND working_hours <= 10000`)
export class LeadStatusLimit extends TimestampedEntity {
  // A surrogate id: the audit log (audit_row) and AdminJS's record pages identify rows by `id`.
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'enum', enum: leadStatuses, enumName: 'lead_status', unique: true })
  status!: LeadStatus;

  @Column({ type: 'integer' })
  workingHours!: number;
}
