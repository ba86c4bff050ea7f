import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG } from '../../config/tokens.js';
import type { AppConfig } from '../../config/config.js';
import { UserService } from '../user/user.service.js';
import { User, type UserRole } from '../user/entities/user.entity.js';
import { LoginAttemptRepository } from './login-attempt.repository.js';

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

export interface PasswordReset {
  email: string;
  fullName: string;
  role: UserRole;
  active: boolean;
  /** It was inactive and `activate` was asked for. */
  activated: boolean;
  /** Login failures that no longer count towards a lock. */
  failuresCleared: number;
  sessionsEnded: number;
}

/** The refusal for an e-mail no user has. */
export const unknownUser = (email: string) =>
  new DomainError('user.not_found', `Пользователя с эл. почтой ${email} нет. Ничего не изменено.`, {
    status: 404,
  });

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
   * Checks the password, limiting failed attempts over the lock window (see isLocked) per IP
   * address, per account and address, and per account from all addresses. Attempts are stored in
   * PostgreSQL, so every instance of the app counts the same ones.
   */
  async authenticate(email: string, password: string, ip: string): Promise<SessionUser> {
    const normalizedEmail = String(email ?? '')
      .trim()
      .toLowerCase()
      .slice(0, 254);
    const address = String(ip ?? '').slice(0, 64);
    // One attempt per account at a time (across instances): parallel guesses cannot slip past the
    // limit. Everything inside uses the transaction's connection, never a second one from the pool.
    const user = await this.dataSource.transaction(async (manager) => {
      const attempts = new LoginAttemptRepository(manager);
      await attempts.lockAccount(normalizedEmail);
      const record = (succeeded: boolean, locked = false) =>
        attempts.record({ email: normalizedEmail, ip: address, succeeded, locked });
      if (await this.isLocked(attempts, normalizedEmail, address)) {
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

  /**
   * `npm run user:password`: a new password for the account, which is then usable again at once
   * from every address — its login failures stop counting (they stay in the security log, marked
   * `cleared_at`) — and logged out everywhere. An inactive account stays inactive unless `activate`.
   * Nobody is logged in for it: the audit log names «Система».
   */
  async resetPassword(
    email: string,
    password: string,
    options: { activate?: boolean } = {},
  ): Promise<PasswordReset> {
    const normalizedEmail = email.trim().toLowerCase();
    const user = await this.users.findByEmail(normalizedEmail);
    if (!user) throw unknownUser(normalizedEmail);
    const passwordHash = await this.users.hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      // As a login does: no attempt of this account is counted half before, half after.
      const attempts = new LoginAttemptRepository(manager);
      await attempts.lockAccount(normalizedEmail);
      const changes = options.activate ? { passwordHash, active: true } : { passwordHash };
      const updated = await manager.getRepository(User).update({ id: user.id }, changes);
      if (!updated.affected) throw unknownUser(normalizedEmail);
      const failuresCleared = await attempts.clearFailures(normalizedEmail);
      return {
        email: user.email,
        fullName: user.fullName,
        role: user.role,
        active: user.active || options.activate === true,
        activated: !user.active && options.activate === true,
        failuresCleared,
        sessionsEnded: await this.users.endSessions(user.id, manager),
      };
    });
  }

  /** The current state of a logged-in user, or undefined when they were deactivated or deleted. */
  async refresh(id: number): Promise<SessionUser | undefined> {
    const user = await this.users.findActive(id);
    return user ? toSessionUser(user) : undefined;
  }

  /**
   * Whether an attempt is refused without checking the password (the right one included, so a lock
   * tells nothing about it). Counted over the last LOGIN_LOCK_MINUTES, failures that checked a
   * password only (a refusal while locked does not extend a lock):
   * - the address failed on any accounts LOGIN_MAX_FAILURES_PER_IP times: locked out of every account;
   * - the address failed on this account LOGIN_MAX_FAILURES_PER_ACCOUNT times: locked out of this
   *   account — only this address, so a guesser cannot lock the owner out;
   * - the account failed from all addresses together LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_IPS times (a
   *   guess spread over many addresses): locked for every address except those it logged in from
   *   within LOGIN_KNOWN_IP_DAYS, so its owner's usual workplaces still get in and a botnet does not.
   * Failures cleared by a password reset (resetPassword) count for none of them.
   */
  private async isLocked(attempts: LoginAttemptRepository, email: string, ip: string): Promise<boolean> {
    const { maxFailuresPerIp, maxFailuresPerAccount, maxFailuresPerAccountAllIps, knownIpDays, lockMinutes } =
      this.config.login;
    const failures = await attempts.recentFailures(email, ip, lockMinutes);
    if (failures.ip >= maxFailuresPerIp || failures.accountIp >= maxFailuresPerAccount) return true;
    if (failures.account < maxFailuresPerAccountAllIps) return false;
    return !(await attempts.loggedInFrom(email, ip, knownIpDays));
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
