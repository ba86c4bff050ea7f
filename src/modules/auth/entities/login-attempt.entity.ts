import { BaseEntity, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every login attempt, kept in PostgreSQL so that the limits hold across all app instances
 * and the security log shows who tried from where.
 */
@Entity('login_attempt')
@Index('login_attempt_email_at', ['email', 'attemptedAt'])
@Index('login_attempt_ip_at', ['ip', 'attemptedAt'])
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
}
