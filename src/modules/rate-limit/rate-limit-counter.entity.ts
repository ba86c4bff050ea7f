import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current fixed window of one rate-limit key (PostgresRateLimitStore): every instance of the
 * app counts into the same row. A row whose window has ended is started afresh by its next hit,
 * and deleted by the housekeeping when nobody comes back. UNLOGGED (set by its migration):
 * counters need no crash safety, and a hit then costs no write-ahead log flush.
 */
@Entity('rate_limit_counter')
@Check('rate_limit_counter_hits_not_negative', 'hits >= 0')
export class RateLimitCounter {
  /** The limiter's prefix and its key, e.g. `intake:submit 203.0.113.7`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  /** When the window ends: a hit at or after it starts a new one. */
  @Column({ type: 'timestamptz' })
  resetsAt!: Date;
}
