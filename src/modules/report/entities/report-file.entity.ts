import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';

import { Report } from './report.entity.js';

/** The PDF of a report, kept in the database so that it is backed up and served with the report. */
@Entity('report_file')
export class ReportFile {
  @PrimaryColumn({ type: 'integer' })
  reportId!: number;

  @OneToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report!: Relation<Report>;

  @Column({ type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
