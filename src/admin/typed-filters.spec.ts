import { describe, expect, it } from '@jest/globals';
import type { FindOperator } from 'typeorm';

import { typedCondition } from './typed-filters.js';

/** An operator as plain data: `['and', [['moreThanOrEqual', '2026-12-01'], …]]`. */
const plain = (operator: FindOperator<unknown> | undefined): unknown =>
  operator === undefined
    ? undefined
    : [
        operator.type,
        Array.isArray(operator.value)
          ? operator.value.map((inner) => plain(inner as FindOperator<unknown>))
          : operator.value instanceof Date
            ? operator.value.toISOString()
            : operator.value,
      ];

const dateColumn = { type: 'date', propertyName: 'addedOn' };
const momentColumn = { type: 'timestamptz', propertyName: 'createdAt' };
const phoneColumn = { type: 'varchar', propertyName: 'phone' };

describe('list filters as people mean them', () => {
  it('takes a range of calendar dates with both days included, typed either way', () => {
    expect(plain(typedCondition(dateColumn, { from: '01.12.2026', to: '2026-12-04' }))).toEqual([
      'and',
      [
        ['moreThanOrEqual', '2026-12-01'],
        ['lessThanOrEqual', '2026-12-04'],
      ],
    ]);
    // A moment linked from the dashboard is its Moscow day.
    expect(plain(typedCondition(dateColumn, { to: '2026-12-03T21:30:00.000Z' }))).toEqual([
      'lessThanOrEqual',
      '2026-12-04',
    ]);
  });

  it('takes the days of a moment column as whole Moscow days', () => {
    expect(plain(typedCondition(momentColumn, { from: '2026-12-01', to: '04.12.2026' }))).toEqual([
      'and',
      [
        ['moreThanOrEqual', '2026-11-30T21:00:00.000Z'],
        ['lessThan', '2026-12-04T21:00:00.000Z'],
      ],
    ]);
    expect(plain(typedCondition(momentColumn, { to: '2026-12-04T10:00:00.000Z' }))).toEqual([
      'lessThanOrEqual',
      '2026-12-04T10:00:00.000Z',
    ]);
  });

  it('leaves what it cannot read to the adapter', () => {
    expect(typedCondition(dateColumn, { from: '31.02.2026' })).toBeUndefined();
    expect(typedCondition(momentColumn, { to: 'завтра' })).toBeUndefined();
    expect(typedCondition({ type: 'varchar', propertyName: 'company' }, 'Ромашка')).toBeUndefined();
  });

  it('finds a phone however it is typed, or by some of its digits', () => {
    expect(plain(typedCondition(phoneColumn, '8 (495) 230-27-72'))).toEqual(['equal', '+74952302772']);
    expect(plain(typedCondition(phoneColumn, '230-27'))).toEqual(['like', '%23027%']);
    expect(typedCondition(phoneColumn, 'нет')).toBeUndefined();
  });
});
