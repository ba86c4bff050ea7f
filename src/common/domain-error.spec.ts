import { describe, expect, it } from '@jest/globals';

import { DomainError, type ErrorCode } from './domain-error.js';

describe('DomainError', () => {
  it('carries a code, the Russian message, 422 unless told and the fields', () => {
    const error = new DomainError('deal.not_draft', 'Сделка уже подписана', { fields: { lines: 'Нельзя' } });
    expect(error).toMatchObject({
      code: 'deal.not_draft',
      message: 'Сделка уже подписана',
      status: 422,
      fields: { lines: 'Нельзя' },
    });
    expect(new DomainError('record.not_found', 'Нет', { status: 404 }).status).toBe(404);
  });

  it.each(['deal', 'Deal.notDraft', 'deal.', '.draft', 'сделка.черновик', 'deal not_draft'])(
    'refuses a malformed code %p',
    (code) => {
      expect(() => new DomainError(code as ErrorCode, 'Текст')).toThrow(TypeError);
    },
  );
});
