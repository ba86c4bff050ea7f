import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, type EntityManager } from 'typeorm';

import { assertAcceptablePassword, generatePassword } from './password-policy.js';
import { User } from './entities/user.entity.js';
import { UserRepository } from './user.repository.js';

// argon2id (algorithm 2) with the OWASP-recommended cost: 19 MiB, 2 passes.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface InitialAdministrator {
  email: string;
  /** Set only when the password was generated: the console shows it once. */
  generatedPassword?: string;
}

@Injectable()
export class UserService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hashPassword(password: string): Promise<string> {
    assertAcceptablePassword(password);
    return hash(password, ARGON2_OPTIONS);
  }

  async verifyPassword(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** With the password hash, which is otherwise never loaded. */
  findByEmailForLogin(email: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
  }

  /** The administrators' e-mails, active ones first (the start-up summary names whom to log in as). */
  async administrators(): Promise<{ email: string; active: boolean }[]> {
    return this.dataSource.getRepository(User).find({
      select: { email: true, active: true },
      where: { role: 'admin' },
      order: { active: 'DESC', id: 'ASC' },
    });
  }

  findActive(id: number): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id, active: true });
  }

  async recordLogin(id: number): Promise<void> {
    await this.dataSource.getRepository(User).update(id, { lastLoginAt: new Date() });
  }

  /**
   * Ends every back-office session of the user (when they are deactivated or their password is
   * changed); returns how many there were.
   */
  async endSessions(userId: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return new UserRepository(manager).deleteSessions(userId);
  }

  /**
   * On a database with no administrator, creates one from ADMIN_EMAIL / ADMIN_PASSWORD, or with a
   * generated password. Returns undefined when an administrator already exists.
   */
  async ensureInitialAdministrator(
    email: string,
    password?: string,
  ): Promise<InitialAdministrator | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await new UserRepository(manager).lockInitialAdministrator();
      const existing = await manager.getRepository(User).countBy({ role: 'admin' });
      if (existing > 0) return undefined;
      const chosenPassword = password ?? generatePassword();
      await manager.getRepository(User).insert({
        email: email.toLowerCase(),
        fullName: 'Администратор',
        role: 'admin',
        passwordHash: await this.hashPassword(chosenPassword),
        active: true,
      });
      return { email, generatedPassword: password ? undefined : chosenPassword };
    });
  }
}
