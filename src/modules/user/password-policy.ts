import { randomBytes } from 'node:crypto';

import type { ErrorCode } from '../../common/domain-error.js';

export const MIN_PASSWORD_LENGTH = 10;

/** A password the policy refuses (its Russian message says why); not a DomainError: the CLI shows it too. */
export class InvalidPasswordError extends Error {
  readonly code: ErrorCode = 'auth.password_weak';
}

/** Length is what matters most for a password people type (NIST SP 800-63B). */
export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidPasswordError(`Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`);
  }
  if (password.length > 200) throw new InvalidPasswordError('Пароль должен быть не длиннее 200 символов');
}

/** 18 random bytes: 24 characters a person can copy from the console. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
