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

import { Department } from '../dictionary/entities/department.entity.js';
import { User } from '../user/entities/user.entity.js';
import type { FieldTally } from './value-mapping.js';
import type { ColumnMapping, DetectedFile, ImportKind, TableRow } from './import-contract.js';
import {
  duplicatePolicies,
  importJobStatuses,
  type DuplicatePolicy,
  type ImportJobStatus,
  type ImportReport,
  type UndoReport,
  type ValueMapping,
} from './import-run-contract.js';

const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
export const importKinds = ['lead', 'company', 'contact', 'deal'] as const satisfies readonly ImportKind[];

/**
 * One uploaded import file and its run (ImportService): what reading found, the user's mapping
 * and choices, the check's and the import's reports. A worker of any instance runs it: `claim`
 * names the run, a run whose heartbeat stopped (a dead instance) is claimed again and continues
 * after the last line of its ledger (`import_row`).
 */
@Entity('import_job')
@Index('import_job_user_created', ['userId', 'createdAt'])
// The worker's claim looks only at jobs waiting for it or being run.
@Index('import_job_waiting', ['createdAt'], { where: `status IN ('checking', 'queued', 'running')` })
@Check('import_job_status', `status IN (${sqlList(importJobStatuses)})`)
@Check('import_job_kind', `kind IN (${sqlList(importKinds)})`)
@Check('import_job_policy', `policy IN (${sqlList(duplicatePolicies)})`)
@Check('import_job_progress', `progress_done >= 0 AND progress_total >= 0 AND total_rows >= 0`)
export class ImportJob {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User>;

  /** Where the records go when the file does not say (a manager's: their own). */
  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @ManyToOne(() => Department, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department> | null;

  /** As the user's computer named it. */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /**
   * Under UPLOAD_DIR: `imports/<uuid>` (both instances share UPLOAD_DIR); null once the
   * housekeeping deleted the file of a done or undone import (ImportService.expireFiles).
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  filePath!: string | null;

  @Column({ type: 'jsonb' })
  detected!: DetectedFile;

  @Column({ type: 'jsonb' })
  headers!: string[];

  /** The first rows as read. */
  @Column({ type: 'jsonb' })
  preview!: TableRow[];

  /** Data rows in the file. */
  @Column({ type: 'integer' })
  totalRows!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: ImportKind;

  @Column({ type: 'jsonb' })
  mapping!: ColumnMapping;

  /** The value dropdowns' choices. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  values!: ValueMapping;

  /** The values of the file's fields that map values, with their rows (for the mapping at hand). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  tallies!: FieldTally[];

  @Column({ type: 'varchar', length: 12, default: 'skip' })
  policy!: DuplicatePolicy;

  @Column({ type: 'varchar', length: 12, default: 'uploaded' })
  status!: ImportJobStatus;

  @Column({ type: 'jsonb', nullable: true })
  checkReport!: ImportReport | null;

  @Column({ type: 'jsonb', nullable: true })
  resultReport!: ImportReport | null;

  @Column({ type: 'jsonb', nullable: true })
  undoReport!: UndoReport | null;

  /** Russian reason of a failed run. */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  /** Rows done by the check or the import being run. */
  @Column({ type: 'integer', default: 0 })
  progressDone!: number;

  @Column({ type: 'integer', default: 0 })
  progressTotal!: number;

  /** The run that holds the job; another instance's claim replaces it. */
  @Column({ type: 'uuid', nullable: true })
  claim!: string | null;

  /** Written with each batch (at its end): also the moment the import last wrote a record. */
  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
