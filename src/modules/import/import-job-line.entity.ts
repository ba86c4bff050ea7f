import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

import type { DuplicateLink, ImportedEntity } from './import-run-contract.js';
import { ImportJob } from './import-job.entity.js';

export const importLineResults = ['created', 'updated', 'skipped', 'refused'] as const;
export type ImportLineResult = (typeof importLineResults)[number];

/**
 * The ledger of an import: what each line of the file came to, written in the same transaction as
 * the records, so a line is written once per job however often its run is resumed. «Отменить
 * импорт» removes the records of its `created` lines; «Скачать ошибки» lists its `refused` ones.
 */
@Entity('import_row')
@Index('import_row_refused', ['jobId', 'line'], { where: `result = 'refused'` })
@Check('import_row_result', `result IN ('created', 'updated', 'skipped', 'refused')`)
@Check('import_row_record', `(result = 'refused') = (record_id IS NULL AND entity IS NULL)`)
@Check('import_row_entity', `entity IS NULL OR entity IN ('lead', 'client', 'deal', 'contact')`)
export class ImportJobLine {
  @PrimaryColumn({ type: 'integer' })
  jobId!: number;

  @ManyToOne(() => ImportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job!: Relation<ImportJob>;

  /** Where the user finds the row in Excel (the header row is line 1). */
  @PrimaryColumn({ type: 'integer' })
  line!: number;

  @Column({ type: 'varchar', length: 10 })
  result!: ImportLineResult;

  @Column({ type: 'varchar', length: 10, nullable: true })
  entity!: ImportedEntity | null;

  @Column({ type: 'integer', nullable: true })
  recordId!: number | null;

  /** The reason of a refusal, the fields filled, or what the row duplicates. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  duplicates!: DuplicateLink[] | null;

  /** A refused row's cells as read, for «Скачать ошибки». */
  @Column({ type: 'jsonb', nullable: true })
  cells!: string[] | null;
}
