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

import { User } from '../user/entities/user.entity.js';

export const exportJobStatuses = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportJobStatus = (typeof exportJobStatuses)[number];

export const exportJobStatusLabels: Record<ExportJobStatus, string> = {
  queued: 'В очереди',
  running: 'В работе',
  done: 'Готово',
  failed: 'Не удалось',
  expired: 'Файл удалён',
};

/** The rows a background export writes: the list's query as it was asked, with its parameters. */
export interface ExportQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * A large export, written in the background (ExportService): queued by its user, claimed by one
 * instance at a time (`claim` names the run; a run whose heartbeat stopped — a dead instance — is
 * claimed again), its file kept under EXPORT_DIR until `expires_at`.
 */
@Entity('export_job')
@Index('export_job_user_created', ['userId', 'createdAt'])
// The worker's claim looks only at unfinished jobs.
@Index('export_job_unfinished', ['createdAt'], { where: `status IN ('queued', 'running')` })
@Check('export_job_format', `format IN ('xlsx', 'csv')`)
@Check('export_job_rows', `rows_written >= 0`)
export class ExportJob {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User>;

  /** The list exported (export-columns.ts). */
  @Column({ type: 'varchar', length: 40 })
  list!: string;

  @Column({ type: 'varchar', length: 4 })
  format!: 'xlsx' | 'csv';

  /** The download's name: «Лиды 05.12.2026.xlsx». */
  @Column({ type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ type: 'enum', enum: exportJobStatuses, enumName: 'export_job_status', default: 'queued' })
  status!: ExportJobStatus;

  @Column({ type: 'jsonb' })
  query!: ExportQuery;

  /** Rows the query held when the run began (the progress's whole). */
  @Column({ type: 'integer', nullable: true })
  totalRows!: number | null;

  @Column({ type: 'integer', default: 0 })
  rowsWritten!: number;

  /** The run that holds the job; another instance's claim replaces it. */
  @Column({ type: 'uuid', nullable: true })
  claim!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  /** The file's name under EXPORT_DIR, once written. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  file!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** When the finished file is deleted (EXPORT_KEEP_HOURS after it was written). */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
