import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { User, type UserRole } from '../../src/modules/user/entities/user.entity.js';
import { UserService } from '../../src/modules/user/user.service.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/** A user of the given role, created the way an administrator would (password hashed by the service). */
export async function createUser(
  app: INestApplicationContext,
  role: UserRole,
  overrides: Partial<Pick<User, 'email' | 'fullName' | 'departmentId' | 'active'>> = {},
): Promise<User> {
  const users = app.get(UserService);
  const repository = app.get(DataSource).getRepository(User);
  const user = repository.create({
    email: `${role}-${Math.random().toString(36).slice(2, 8)}@kosino.test`,
    fullName: `Тестовый ${role}`,
    role,
    active: true,
    passwordHash: await users.hashPassword(TEST_PASSWORD),
    ...overrides,
  });
  return repository.save(user);
}
