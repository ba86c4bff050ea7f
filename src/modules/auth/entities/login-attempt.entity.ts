import { BaseEntity, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every login attempt, kept in PostgreSQL so that the limits hold across all app instances
 * and the security log shows who tried from where. The housekeeping deletes the ones neither
 * reads any more (LOGIN_ATTEMPT_RETENTION_DAYS).
 */
@Entity('login_attempt')
// The security log's filters.
@Index('login_attempt_email_at', ['email', 'attemptedAt'])
@Index('login_attempt_ip_at', ['ip', 'attemptedAt'])
// The login limits (AuthService.isLocked): the failures they count, without the refusals while
// locked, which a flood of guesses makes the bulk of the table — a check stays a few dozen rows.
@Index('login_attempt_failure_email_at', ['email', 'attemptedAt'], { where: 'NOT succeeded AND NOT locked' })
@Index('login_attempt_failure_ip_at', ['ip', 'attemptedAt'], { where: 'NOT succeeded AND NOT locked' })
// The addresses an account logged in from, exempt from the lock for all addresses.
@Index('login_attempt_success_email_ip_at', ['email', 'ip', 'attemptedAt'], { where: 'succeeded' })
// The housekeeping's deletion of old attempts (oldest first), and «Попытки входа», newest first.
@Index('login_attempt_at', ['attemptedAt'])
export class LoginAttempt extends BaseEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  /** Refused without checking the password, because the account or the address was locked. */
  @Column({ type: 'boolean', default: false })
  locked!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  attemptedAt!: Date;

  /**
   * A failure no longer counted by the login limits since this moment: the account's password was
   * reset (`npm run user:password`, AuthService.resetPassword). The row stays for the security log.
   */
  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;
}
