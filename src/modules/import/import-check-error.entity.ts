import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

import { ImportJob } from './import-job.entity.js';

/**
 * The rows the last «Проверить» refused, every one of them (its report lists only the first few):
 * «Скачать ошибки» before the import. Written outside the check's own transaction, which is rolled
 * back; a new check, a change of the settings or the expiry of the file deletes them.
 */
@Entity('import_check_error')
export class ImportCheckError {
  @PrimaryColumn({ type: 'integer' })
  jobId!: number;

  @ManyToOne(() => ImportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job!: Relation<ImportJob>;

  /** Where the user finds the row in Excel (the header row is line 1). */
  @PrimaryColumn({ type: 'integer' })
  line!: number;

  @Column({ type: 'text' })
  reason!: string;

  /** The row's cells as read. */
  @Column({ type: 'jsonb' })
  cells!: string[];
}
