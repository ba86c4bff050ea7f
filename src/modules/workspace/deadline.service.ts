import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Set (by a statement trigger) when the calendar, the working hours or a limit changed. */
export const RECOMPUTE_REQUEST = 'deadlines.recompute_requested';
/** Rows a recomputation batch updates in its own short transaction. */
const BATCH = 1_000;
/** One instance recomputes at a time (pg advisory lock key). */
const LOCK_KEY = 7_348_201;

/**
 * Deadlines follow the rules: after an edit of the calendar, the working hours or a limit, the
 * open leads' and clients' deadlines are recomputed here, in batches (recompute_*_deadlines in
 * PostgreSQL), so neither the administrator's save nor the managers' edits wait for it. The
 * scheduler calls it every minute; a request made during a run is served by the next one.
 */
@Injectable()
export class DeadlineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes when asked to; answers whether it did. */
  async recomputeIfRequested(): Promise<boolean> {
    const [request] = (await this.dataSource.query('SELECT value FROM app_setting WHERE key = $1', [
      RECOMPUTE_REQUEST,
    ])) as { value: string }[];
    if (!request) return false;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY])) as {
        locked: boolean;
      }[];
      if (!locked) return false;
      try {
        for (const recompute of ['recompute_lead_deadlines', 'recompute_client_deadlines']) {
          let after: number | null = 0;
          while (after !== null) {
            const [row] = (await runner.query(`SELECT ${recompute}($1, $2) AS last`, [after, BATCH])) as {
              last: number | null;
            }[];
            after = row.last;
          }
        }
        // Served — unless the rules changed again meanwhile (then the next run recomputes).
        await runner.query('DELETE FROM app_setting WHERE key = $1 AND value = $2', [
          RECOMPUTE_REQUEST,
          request.value,
        ]);
        return true;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
