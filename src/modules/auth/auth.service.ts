import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { APP_CONFIG } from '../../config/tokens.js';
import type { AppConfig } from '../../config/config.js';
import { UserService } from '../user/user.service.js';
import type { UserRole } from '../user/entities/user.entity.js';
import { LoginAttempt } from './entities/login-attempt.entity.js';

/** What the back-office keeps in the session about the person logged in. */
export interface SessionUser {
  id: number;
  email: string;
  title: string;
  role: UserRole;
  departmentId: number | null;
}

/** Message keys of the Russian locale, shown on the login page. */
export class LoginRefusedError extends Error {
  constructor(readonly messageKey: 'loginLocked' | 'invalidCredentials') {
    super(messageKey);
  }
}

// A hash of a random password: verifying against it costs as much as a real check, so a
// missing account and a wrong password take the same time.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$FOs2IU0W3rrIWABlVee51w$Iq0LxKWwLs4ZGbHT5fLYAi9bLpERb66JhU3J417GKTQ';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserService,
  ) {}

  /**
   * Checks the password, limiting failed attempts per account and per IP address over the lock
   * window. Attempts are stored in PostgreSQL, so every instance of the app counts the same ones.
   */
  async authenticate(email: string, password: string, ip: string): Promise<SessionUser> {
    const normalizedEmail = String(email ?? '')
      .trim()
      .toLowerCase()
      .slice(0, 254);
    // One attempt per account at a time (across instances): parallel guesses cannot slip past the
    // limit. Everything inside uses the transaction's connection, never a second one from the pool.
    const user = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || $1))`, [normalizedEmail]);
      const attempts = manager.getRepository(LoginAttempt);
      const record = (succeeded: boolean, locked = false) =>
        attempts.insert({ email: normalizedEmail, ip: ip.slice(0, 64), succeeded, locked });
      if (await this.isLocked(manager, normalizedEmail, ip)) {
        await record(false, true);
        return 'locked' as const;
      }
      const found = normalizedEmail ? await this.users.findByEmailForLogin(normalizedEmail, manager) : null;
      const passwordMatches = await this.users.verifyPassword(
        found?.passwordHash ?? DUMMY_HASH,
        String(password ?? ''),
      );
      const succeeded = Boolean(found && found.active && passwordMatches);
      await record(succeeded);
      return succeeded ? found : null;
    });
    if (user === 'locked') throw new LoginRefusedError('loginLocked');
    if (!user) throw new LoginRefusedError('invalidCredentials');
    await this.users.recordLogin(user.id);
    return toSessionUser(user);
  }

  /** The current state of a logged-in user, or undefined when they were deactivated or deleted. */
  async refresh(id: number): Promise<SessionUser | undefined> {
    const user = await this.users.findActive(id);
    return user ? toSessionUser(user) : undefined;
  }

  private async isLocked(manager: EntityManager, email: string, ip: string): Promise<boolean> {
    const { maxFailuresPerAccount, maxFailuresPerIp, lockMinutes } = this.config.login;
    const [row] = (await manager.query(
      `SELECT
         count(*) FILTER (WHERE email = $1) AS account_failures,
         count(*) FILTER (WHERE ip = $2) AS ip_failures
       FROM login_attempt
       WHERE NOT succeeded AND NOT locked AND attempted_at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)`,
      [email, ip, lockMinutes],
    )) as { account_failures: string; ip_failures: string }[];
    return (
      Number(row.account_failures) >= maxFailuresPerAccount || Number(row.ip_failures) >= maxFailuresPerIp
    );
  }
}

function toSessionUser(user: {
  id: number;
  email: string;
  fullName: string;
  role: UserRole;
  departmentId: number | null;
}) {
  return {
    id: user.id,
    email: user.email,
    title: user.fullName,
    role: user.role,
    departmentId: user.departmentId,
  };
}
