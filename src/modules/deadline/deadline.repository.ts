import type { EntityManager } from 'typeorm';

/** The batch functions of deadline-functions.sql.ts: (after_id, batch) → the last id done, null at the end. */
export type DeadlineBatchFunction =
  'recompute_lead_deadlines' | 'recompute_client_deadlines' | 'backfill_lead_since' | 'backfill_client_since';

/**
 * The deadline module's SQL, on the caller's connection: DeadlineService passes the manager of the
 * query runner that holds its advisory lock, so every statement runs on that one connection.
 */
export class DeadlineRepository {
  constructor(private readonly manager: EntityManager) {}

  async setting(key: string): Promise<string | undefined> {
    const rows: { value: string }[] = await this.manager.query(
      'SELECT value FROM app_setting WHERE key = $1',
      [key],
    );
    return rows[0]?.value;
  }

  async updateSetting(key: string, value: string): Promise<void> {
    await this.manager.query('UPDATE app_setting SET value = $2 WHERE key = $1', [key, value]);
  }

  /** Deletes the setting; with `value`, only while it still holds that value. */
  async deleteSetting(key: string, value?: string): Promise<void> {
    if (value === undefined) await this.manager.query('DELETE FROM app_setting WHERE key = $1', [key]);
    else await this.manager.query('DELETE FROM app_setting WHERE key = $1 AND value = $2', [key, value]);
  }

  /** One batch of a recomputation or a backfill; answers the last id done, null at the end. */
  async runBatch(fn: DeadlineBatchFunction, after: number, size: number): Promise<number | null> {
    const [row]: { last: number | null }[] = await this.manager.query(`SELECT ${fn}($1, $2) AS last`, [
      after,
      size,
    ]);
    return row.last;
  }

  /** A session-level advisory lock of this connection; false when another session holds it. */
  async tryAdvisoryLock(key: number): Promise<boolean> {
    const [row]: { locked: boolean }[] = await this.manager.query(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [key],
    );
    return row.locked;
  }

  async advisoryUnlock(key: number): Promise<void> {
    await this.manager.query('SELECT pg_advisory_unlock($1)', [key]);
  }

  /** Whether a Moscow date (YYYY-MM-DD) is a working day: Monday–Friday unless the calendar says otherwise. */
  async isWorkingDay(day: string): Promise<boolean> {
    const [row]: { working: boolean }[] = await this.manager.query(
      `SELECT coalesce((SELECT kind = 'workday' FROM working_calendar_day WHERE day = $1::date),
                       extract(isodow FROM $1::date) < 6) AS working`,
      [day],
    );
    return row.working;
  }

  /** `start` plus `minutes` of working time (working_deadline). */
  async workingDeadline(start: Date, minutes: number): Promise<Date> {
    const [row]: { due: Date }[] = await this.manager.query('SELECT working_deadline($1, $2) AS due', [
      start,
      minutes,
    ]);
    return row.due;
  }
}
