import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { HousekeepingService } from '../../../src/modules/housekeeping/housekeeping.service.js';
import {
  startSecondServices,
  startServices,
  type SecondServices,
  type TestServices,
} from '../../helpers/test-services.js';

// Attempts older than the rules read are kept a day for «Попытки входа» here (90 by default).
const ENV = { LOGIN_ATTEMPT_RETENTION_DAYS: '1', LOGIN_LOCK_MINUTES: '15', LOGIN_KNOWN_IP_DAYS: '30' };

// The housekeeping of two instances on one database (its schedule is off: the tests run it).
describe('housekeeping', () => {
  let first: TestServices;
  let second: SecondServices;

  beforeAll(async () => {
    first = await startServices(ENV);
    second = await startSecondServices(first, ENV);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    first.dataSource.query(sql, parameters) as Promise<T[]>;
  /** A login attempt made `age` ago (a PostgreSQL interval) by the database's clock. */
  const attempt = async (email: string, age: string, kind: 'failure' | 'locked' | 'success') => {
    await query(
      `INSERT INTO login_attempt (email, ip, succeeded, locked, attempted_at)
       VALUES ($1, '203.0.113.7', $2, $3, now() - $4::interval)`,
      [email, kind === 'success', kind === 'locked', age],
    );
  };
  const emails = async () =>
    (await query<{ email: string }>('SELECT email FROM login_attempt ORDER BY email')).map(
      (row) => row.email,
    );

  it('deletes the login attempts and rate-limit windows nothing reads any more, keeping the rest', async () => {
    await query('DELETE FROM login_attempt');
    await attempt('failure-10-minutes@kosino.test', '10 minutes', 'failure'); // counted by the lock
    await attempt('failure-20-hours@kosino.test', '20 hours', 'failure'); // the security log's day
    await attempt('failure-2-days@kosino.test', '2 days', 'failure');
    await attempt('locked-2-days@kosino.test', '2 days', 'locked');
    await attempt('success-29-days@kosino.test', '29 days', 'success'); // a known address
    await attempt('success-31-days@kosino.test', '31 days', 'success');
    await query(
      `INSERT INTO rate_limit_counter (key, hits, resets_at) VALUES
         ('intake:submit 203.0.113.7', 3, now() + interval '30 seconds'),
         ('intake:submit 203.0.113.8', 5, now() - interval '1 second'),
         ('intake:draft 203.0.113.8', 9, now() - interval '2 hours')`,
    );

    const deleted = await first.app.get(HousekeepingService).run(new Date('2030-01-07T10:41:00+03:00'));

    expect(deleted).toEqual({
      login_attempt: 3,
      rate_limit_counter: 2,
      housekeeping_run: 0,
      export_file: 0,
      import_file: 0,
    });
    expect(await emails()).toEqual([
      'failure-10-minutes@kosino.test',
      'failure-20-hours@kosino.test',
      'success-29-days@kosino.test',
    ]);
    expect(await query('SELECT key, hits FROM rate_limit_counter')).toEqual([
      { key: 'intake:submit 203.0.113.7', hits: 3 },
    ]);
  });

  it('does the work of a scheduled moment once when both instances run it at the same time', async () => {
    await attempt('failure-3-days@kosino.test', '3 days', 'failure');
    await attempt('success-40-days@kosino.test', '40 days', 'success');
    const moment = new Date('2030-01-07T11:41:00+03:00');

    const results = await Promise.all([
      first.app.get(HousekeepingService).run(moment),
      second.app.get(HousekeepingService).run(moment),
    ]);

    const done = results.filter((result) => result !== undefined);
    expect(done).toEqual([
      { login_attempt: 2, rate_limit_counter: 0, housekeeping_run: 0, export_file: 0, import_file: 0 },
    ]);
    expect(
      await query(
        `SELECT deleted, finished_at IS NOT NULL AS finished FROM housekeeping_run WHERE scheduled_at = $1`,
        [moment],
      ),
    ).toEqual([{ deleted: done[0], finished: true }]);
    // A moment later in its hour is the same scheduled moment: already done.
    expect(await second.app.get(HousekeepingService).run(new Date('2030-01-07T12:40:59+03:00'))).toBe(
      undefined,
    );
    // The next one is the other instance's to take.
    expect(await second.app.get(HousekeepingService).run(new Date('2030-01-07T12:41:00+03:00'))).toEqual({
      login_attempt: 0,
      rate_limit_counter: 0,
      housekeeping_run: 0,
      export_file: 0,
      import_file: 0,
    });
  });

  it('forgets its own runs after 30 days', async () => {
    await query(
      `INSERT INTO housekeeping_run (scheduled_at, started_at, finished_at, deleted)
       VALUES ('2029-11-01T10:41:00+03:00', now() - interval '31 days', now() - interval '31 days', '{}')`,
    );
    const before = await query<{ count: number }>('SELECT count(*)::int AS count FROM housekeeping_run');

    const deleted = await first.app.get(HousekeepingService).run(new Date('2030-01-07T13:41:00+03:00'));

    expect(deleted?.housekeeping_run).toBe(1);
    expect(await query('SELECT count(*)::int AS count FROM housekeeping_run')).toEqual([
      { count: before[0].count }, // one forgotten, this run's own added
    ]);
  });
});
