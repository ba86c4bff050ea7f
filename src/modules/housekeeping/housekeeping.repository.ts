import type { EntityManager } from 'typeorm';

/** Rows a run deleted, per table. */
export type HousekeepingDeleted = Record<
  'login_attempt' | 'rate_limit_counter' | 'housekeeping_run' | 'export_file' | 'import_file',
  number
>;

// Each statement deletes one batch ($1 rows at most) and answers how many it deleted.
// Failed logins (refusals while locked too): isLocked counts them for LOGIN_LOCK_MINUTES.
const OLD_FAILURES = `
  WITH doomed AS (
    SELECT id FROM login_attempt
    WHERE NOT succeeded AND attempted_at < now() - greatest(make_interval(days => $2), make_interval(mins => $3))
    ORDER BY attempted_at LIMIT $1
  ),
  gone AS (DELETE FROM login_attempt a USING doomed d WHERE a.id = d.id RETURNING 1)
  SELECT count(*)::int AS count FROM gone`;
// Logins: isLocked reads them for LOGIN_KNOWN_IP_DAYS (the addresses an account is known from).
const OLD_SUCCESSES = `
  WITH doomed AS (
    SELECT id FROM login_attempt
    WHERE succeeded AND attempted_at < now() - make_interval(days => greatest($2::int, $3::int))
    ORDER BY attempted_at LIMIT $1
  ),
  gone AS (DELETE FROM login_attempt a USING doomed d WHERE a.id = d.id RETURNING 1)
  SELECT count(*)::int AS count FROM gone`;
// Ended windows; one a hit is counting into right now is skipped, and one it has just started
// afresh no longer matches once locked.
const ENDED_WINDOWS = `
  WITH doomed AS (
    SELECT key FROM rate_limit_counter WHERE resets_at < now() LIMIT $1 FOR UPDATE SKIP LOCKED
  ),
  gone AS (DELETE FROM rate_limit_counter c USING doomed d WHERE c.key = d.key RETURNING 1)
  SELECT count(*)::int AS count FROM gone`;
const OLD_RUNS = `
  WITH doomed AS (
    SELECT scheduled_at FROM housekeeping_run WHERE started_at < now() - make_interval(days => $2) LIMIT $1
  ),
  gone AS (DELETE FROM housekeeping_run r USING doomed d WHERE r.scheduled_at = d.scheduled_at RETURNING 1)
  SELECT count(*)::int AS count FROM gone`;

/** The batch deletions a run makes, by what they delete. */
const statements = {
  oldFailures: OLD_FAILURES,
  oldSuccesses: OLD_SUCCESSES,
  endedWindows: ENDED_WINDOWS,
  oldRuns: OLD_RUNS,
} as const;

export type HousekeepingDeletion = keyof typeof statements;

/** The housekeeping's SQL, on the caller's manager. */
export class HousekeepingRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Takes the scheduled moment for this instance; false when another (or an earlier call) took it. */
  async claimRun(scheduledAt: Date): Promise<boolean> {
    const claimed: unknown[] = await this.manager.query(
      `INSERT INTO housekeeping_run (scheduled_at) VALUES ($1) ON CONFLICT DO NOTHING RETURNING scheduled_at`,
      [scheduledAt],
    );
    return claimed.length > 0;
  }

  async finishRun(scheduledAt: Date, deleted: HousekeepingDeleted): Promise<void> {
    await this.manager.query(
      'UPDATE housekeeping_run SET finished_at = now(), deleted = $2 WHERE scheduled_at = $1',
      [scheduledAt, JSON.stringify(deleted)],
    );
  }

  /** One batch of a deletion (`batch` rows at most); answers how many it deleted. */
  async deleteBatch(deletion: HousekeepingDeletion, batch: number, parameters: unknown[]): Promise<number> {
    const [row]: { count: number }[] = await this.manager.query(statements[deletion], [batch, ...parameters]);
    return row.count;
  }
}
