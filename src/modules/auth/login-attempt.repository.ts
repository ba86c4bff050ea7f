import type { EntityManager } from 'typeorm';

import { LoginAttempt } from './entities/login-attempt.entity.js';

/** Failed attempts counted over the lock window, by what they share with the attempt now. */
export interface RecentFailures {
  /** From this address, on any account. */
  ip: number;
  /** From this address, on this account. */
  accountIp: number;
  /** On this account, from any address. */
  account: number;
}

/** The login attempts (the security log) and the per-account login lock, in the caller's transaction. */
export class LoginAttemptRepository {
  constructor(private readonly manager: EntityManager) {}

  /** One login or password reset of this account at a time, across instances, until the transaction ends. */
  async lockAccount(email: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || $1))`, [email]);
  }

  async record(attempt: Pick<LoginAttempt, 'email' | 'ip' | 'succeeded' | 'locked'>): Promise<void> {
    await this.manager.getRepository(LoginAttempt).insert(attempt);
  }

  /**
   * Failures that checked a password (not refusals while locked, not cleared by a reset) in the
   * last `minutes`. One scan of a partial index on failures each (login_attempt_failure_ip_at,
   * …_email_at): a few dozen rows however many refusals a flood left. (One scan for
   * `email = $1 OR ip = $2` makes PostgreSQL misjudge its size under a flood and start parallel
   * workers for it.)
   */
  async recentFailures(email: string, ip: string, minutes: number): Promise<RecentFailures> {
    const [row]: { ip: string; account_ip: string; account: string }[] = await this.manager.query(
      `SELECT
         (SELECT count(*) FROM login_attempt
          WHERE NOT succeeded AND NOT locked AND cleared_at IS NULL AND ip = $2 AND attempted_at > now() - make_interval(mins => $3)) AS ip,
         (SELECT count(*) FROM login_attempt
          WHERE NOT succeeded AND NOT locked AND cleared_at IS NULL AND ip = $2 AND email = $1 AND attempted_at > now() - make_interval(mins => $3)) AS account_ip,
         (SELECT count(*) FROM login_attempt
          WHERE NOT succeeded AND NOT locked AND cleared_at IS NULL AND email = $1 AND attempted_at > now() - make_interval(mins => $3)) AS account`,
      [email, ip, minutes],
    );
    return { ip: Number(row.ip), accountIp: Number(row.account_ip), account: Number(row.account) };
  }

  /** Whether the account logged in from this address within `days` (login_attempt_success_email_ip_at). */
  async loggedInFrom(email: string, ip: string, days: number): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM login_attempt
       WHERE succeeded AND email = $1 AND ip = $2 AND attempted_at > now() - make_interval(days => $3)
       LIMIT 1`,
      [email, ip, days],
    );
    return rows.length > 0;
  }

  /** Marks the account's counted failures cleared (kept in the log); answers how many. */
  async clearFailures(email: string): Promise<number> {
    const cleared = await this.manager
      .getRepository(LoginAttempt)
      .createQueryBuilder()
      .update()
      .set({ clearedAt: () => 'now()' })
      .where('email = :email AND NOT succeeded AND NOT locked AND cleared_at IS NULL', { email })
      .execute();
    return cleared.affected ?? 0;
  }
}
