import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity } from 'typeorm';

import { Department } from '../../dictionary/entities/department.entity.js';
import { User } from '../../user/entities/user.entity.js';

export const reportKinds = ['committee', 'annual'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportKindLabels: Record<ReportKind, string> = {
  committee: 'Отчёт для оперативного совещания',
  annual: 'Годовая статистика по работе с компаниями',
};

export const reportOrigins = ['schedule', 'demand'] as const;
export type ReportOrigin = (typeof reportOrigins)[number];

/**
 * An archived report: one per kind, department and period (the annual statistics cover every
 * department: no department). The PDF itself is in `report_file`, so that lists never load it.
 */
@Entity('report')
@Index('report_committee_key', ['kind', 'departmentId', 'periodStart', 'periodEnd'], {
  unique: true,
  where: 'department_id IS NOT NULL',
})
@Index('report_all_departments_key', ['kind', 'periodStart', 'periodEnd'], {
  unique: true,
  where: 'department_id IS NULL',
})
@Check('report_period', `period_end >= period_start`)
@Check('report_department_of_kind', `(kind = 'committee') = (department_id IS NOT NULL)`)
export class Report extends BaseEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'enum', enum: reportKinds, enumName: 'report_kind' })
  kind!: ReportKind;

  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department> | null;

  /** The first and the last day of the period (Moscow dates, both included). */
  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  /** Made by the schedule (and mailed to the committee) or on a person's request. */
  @Column({ type: 'enum', enum: reportOrigins, enumName: 'report_origin' })
  origin!: ReportOrigin;

  @Column({ type: 'integer', nullable: true })
  requestedByUserId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_user_id' })
  requestedBy!: Relation<User> | null;

  @Column({ type: 'timestamptz', nullable: true })
  generatedAt!: Date | null;

  /** How long building the PDF took, ms, and its size, bytes (shown to administrators). */
  @Column({ type: 'integer', nullable: true })
  buildMs!: number | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
