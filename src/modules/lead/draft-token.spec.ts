import { describe, expect, it } from '@jest/globals';

import { DomainError } from '../../common/domain-error.js';
import {
  assertDraftContinues,
  draftTokenHash,
  DRAFT_ALREADY_SENT,
  DRAFT_TAKEN_OVER,
  newDraftToken,
  parseDraftToken,
  takeOverDraft,
} from './draft-token.js';

describe('the key of a public-form draft', () => {
  it('is a fresh UUID whose SHA-256 is what gets stored, whatever the case it comes back in', () => {
    const { token, hash } = newDraftToken();
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(hash).toHaveLength(32);
    expect(draftTokenHash(token.toUpperCase())).toEqual(hash);
    expect(newDraftToken().token).not.toBe(token);
    expect(parseDraftToken(token.toUpperCase())).toBe(token);
  });

  it('refuses anything but a UUID with a Russian message on the field', () => {
    for (const value of ["' OR 1=1 --", 42, {}, 'a'.repeat(36)]) {
      expect(() => parseDraftToken(value)).toThrow(DomainError);
    }
    const refusal = (() => {
      try {
        return parseDraftToken('nope');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toMatchObject({ status: 422, fields: { draftToken: 'Неверный ключ черновика' } });
  });

  it('stops working once a staff member moves the draft, and only then', () => {
    const draft = { status: 'draft' as const, draftTokenHash: Buffer.alloc(32), draftTokenRevokedAt: null };
    expect(takeOverDraft(draft, null)).toEqual({});
    expect(takeOverDraft({ ...draft, draftTokenHash: null }, { id: 1 })).toEqual({});
    expect(takeOverDraft({ ...draft, status: 'new' }, { id: 1 })).toEqual({});
    expect(takeOverDraft(draft, { id: 1 })).toEqual({ draftTokenRevokedAt: expect.any(Date) });
  });

  it('refuses a taken-over draft before one already sent, each with its own message', () => {
    expect(() => assertDraftContinues({ status: 'draft', draftTokenRevokedAt: null })).not.toThrow();
    expect(() => assertDraftContinues({ status: 'new', draftTokenRevokedAt: new Date() })).toThrow(
      DRAFT_TAKEN_OVER,
    );
    expect(() => assertDraftContinues({ status: 'new', draftTokenRevokedAt: null })).toThrow(
      DRAFT_ALREADY_SENT,
    );
  });
});
