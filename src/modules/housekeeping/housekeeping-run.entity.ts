import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One run of the housekeeping (HousekeepingService): keyed by the scheduled moment it is for, so
 * that however many instances fire that moment, the one that inserts the row does the work. It
 * then records when it finished and how many rows it deleted from each table.
 */
@Entity('housekeeping_run')
export class HousekeepingRun {
  @PrimaryColumn({ type: 'timestamptz' })
  scheduledAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt!: Date;

  /** Unset while it runs, or when the instance stopped mid-way (the next run goes on). */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Rows deleted per table, e.g. `{"login_attempt": 120, "rate_limit_counter": 4}`. */
  @Column({ type: 'jsonb', nullable: true })
  deleted!: Record<string, number> | null;
}
