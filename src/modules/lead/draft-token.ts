import { createHash, randomUUID } from 'node:crypto';

import { DomainError } from '../../common/domain-error.js';
import type { Lead } from './entities/lead.entity.js';

/**
 * The key of a public-form draft: the visitor's page gets it in the answer to its first autosave
 * and sends it with every later save and with the submission. Only its SHA-256 is stored
 * (lead.draft_token_hash), so neither the database, a backup nor the back-office can hand it to
 * anyone else; a draft a staff member took over no longer answers to it.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DRAFT_NOT_FOUND = 'Черновик заявки не найден: обновите страницу и заполните форму заново';
export const DRAFT_TAKEN_OVER = 'Заявка уже обработана сотрудником: отправьте форму заново';
export const DRAFT_ALREADY_SENT = 'Эта заявка уже отправлена. Чтобы отправить ещё одну, обновите страницу.';

export function newDraftToken(): { token: string; hash: Buffer } {
  const token = randomUUID();
  return { token, hash: draftTokenHash(token) };
}

/** The stored form of a key: SHA-256 of its lower-case text (as PostgreSQL's `uuid::text` prints it). */
export function draftTokenHash(token: string): Buffer {
  return createHash('sha256').update(token.toLowerCase(), 'utf8').digest();
}

/** A key as the visitor sent it: a UUID, else a Russian 422 (nothing is written). */
export function parseDraftToken(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new DomainError('lead.draft_key_invalid', DRAFT_NOT_FOUND, {
      fields: { draftToken: 'Неверный ключ черновика' },
    });
  }
  return value.toLowerCase();
}

/** Refuses a visitor's save or submission through the key of a draft that is no longer theirs to change. */
export function assertDraftContinues(lead: Pick<Lead, 'status' | 'draftTokenRevokedAt'>): void {
  if (lead.draftTokenRevokedAt !== null)
    throw new DomainError('lead.draft_taken', DRAFT_TAKEN_OVER, { status: 409 });
  if (lead.status !== 'draft')
    throw new DomainError('lead.draft_already_sent', DRAFT_ALREADY_SENT, { status: 409 });
}

/**
 * What a staff member's write does to a visitor's draft besides its own change: the visitor's key
 * stops working (the draft is no longer only theirs), in the same update. Nothing for anyone else's
 * lead, for a lead no longer a draft, or for a key already revoked.
 */
export function takeOverDraft(
  lead: Pick<Lead, 'status' | 'draftTokenHash' | 'draftTokenRevokedAt'>,
  actor: { id: number } | null,
): Partial<Pick<Lead, 'draftTokenRevokedAt'>> {
  if (actor === null || lead.status !== 'draft' || !lead.draftTokenHash) return {};
  return lead.draftTokenRevokedAt === null ? { draftTokenRevokedAt: new Date() } : {};
}
