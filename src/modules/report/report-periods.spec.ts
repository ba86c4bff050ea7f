import { describe, expect, it } from '@jest/globals';

import { lastRun } from './report.scheduler.js';
import { previousPeriod, weekBefore, weekOf } from './report-periods.js';

describe('report periods', () => {
  it('finds the Monday–Sunday week of a date and the week before it', () => {
    expect(weekOf('2026-11-26')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekOf('2026-11-23')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekBefore('2026-11-23')).toEqual({ start: '2026-11-16', end: '2026-11-22' });
    expect(weekBefore('2027-01-01')).toEqual({ start: '2026-12-21', end: '2026-12-27' });
  });

  it('compares a period with the one of the same length just before it', () => {
    expect(previousPeriod({ start: '2026-11-16', end: '2026-11-22' })).toEqual({
      start: '2026-11-09',
      end: '2026-11-15',
    });
    expect(previousPeriod({ start: '2026-03-01', end: '2026-03-31' })).toEqual({
      start: '2026-01-29',
      end: '2026-02-28',
    });
  });

  it('finds the latest scheduled run in Moscow time, its own moment included', () => {
    const weekly = '0 8 * * 1';
    expect(lastRun(weekly, new Date('2026-11-23T05:00:00Z'))).toEqual(new Date('2026-11-23T05:00:00Z'));
    expect(lastRun(weekly, new Date('2026-11-23T04:59:59Z'))).toEqual(new Date('2026-11-16T05:00:00Z'));
    expect(lastRun(weekly, new Date('2026-11-26T12:00:00Z'))).toEqual(new Date('2026-11-23T05:00:00Z'));
    expect(lastRun('0 8 2 1 *', new Date('2026-11-26T12:00:00Z'))).toEqual(new Date('2026-01-02T05:00:00Z'));
  });
});
