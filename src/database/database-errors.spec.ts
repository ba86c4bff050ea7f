import { describe, expect, it } from '@jest/globals';
import { QueryFailedError, type EntityMetadata } from 'typeorm';

import { ERROR_CODE_PATTERN } from '../common/domain-error.js';
import { databaseErrorCode, translateDatabaseError } from './database-errors.js';

const metadata = {
  tableName: 'app_user',
  findColumnWithDatabaseName: (name: string) =>
    ({ email: { propertyName: 'email' }, full_name: { propertyName: 'fullName' } })[name],
} as unknown as EntityMetadata;

const refusal = (driverError: Record<string, string>) =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error(driverError.message ?? 'refused'), driverError),
  );

describe('translateDatabaseError', () => {
  it('names a unique key refusal by its table and column, on the field', () => {
    expect(
      translateDatabaseError(
        refusal({ code: '23505', table: 'app_user', detail: 'Key (email)=(a@b.ru) already exists.' }),
        metadata,
      ),
    ).toEqual({
      code: 'db.unique.app_user.email',
      property: 'email',
      message: 'Такое значение уже есть — выберите другое',
    });
  });

  it('names a CHECK refusal by its constraint, keeping the Russian rule', () => {
    expect(
      translateDatabaseError(refusal({ code: '23514', constraint: 'app_user_email_valid' }), metadata),
    ).toEqual({
      code: 'db.check.app_user_email_valid',
      property: 'email',
      message: 'Неверный адрес эл. почты',
    });
    expect(
      translateDatabaseError(
        refusal({ code: '23514', constraint: 'app_user_full_name_not_blank' }),
        metadata,
      ),
    ).toMatchObject({ code: 'db.check.app_user_full_name_not_blank', property: 'fullName' });
  });

  it('gives a record still referenced and a missing value their own codes', () => {
    expect(
      translateDatabaseError(
        refusal({
          code: '23503',
          table: 'department',
          detail: 'Key (id)=(1) is still referenced from table "lead".',
        }),
        metadata,
      ),
    ).toMatchObject({ code: 'db.in_use.department' });
    expect(
      translateDatabaseError(refusal({ code: '23502', table: 'app_user', column: 'full_name' }), metadata),
    ).toEqual({ code: 'db.required.app_user.full_name', property: 'fullName', message: 'Обязательное поле' });
  });

  it('leaves anything that is no refusal of data untranslated', () => {
    expect(translateDatabaseError(refusal({ code: '57P01' }), metadata)).toBeUndefined();
    expect(translateDatabaseError(new Error('boom'), metadata)).toBeUndefined();
  });
});

describe('databaseErrorCode', () => {
  it('makes every name a valid code segment', () => {
    for (const code of [
      databaseErrorCode('check', 'UQ_4bd08c45394936cd0670b862da7'),
      databaseErrorCode('unique', 'lead', '1st column'),
      databaseErrorCode('too_long'),
      databaseErrorCode('required', 'lead', undefined),
    ]) {
      expect(code).toMatch(ERROR_CODE_PATTERN);
    }
    expect(databaseErrorCode('check', 'UQ_ab-1')).toBe('db.check.uq_ab_1');
    expect(databaseErrorCode('unique', 'lead', '1st')).toBe('db.unique.lead.x1st');
  });
});
