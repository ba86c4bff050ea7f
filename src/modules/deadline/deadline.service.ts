import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';

/** Set (by a statement trigger) when the calendar, the working hours or a limit changed. */
export const RECOMPUTE_REQUEST = 'deadlines.recompute_requested';
/** Set by the Deadlines migration: `lead:<id>` / `client:<id>`, where the backfill goes on. */
export const BACKFILL_PROGRESS = 'deadlines.backfill';
/** Rows a recomputation batch updates in its own short transaction. */
const RECOMPUTE_BATCH = 1_000;
/** Rows a backfill batch reads (most need no deadline: a cheap update). */
const BACKFILL_BATCH = 5_000;
/** One instance works on deadlines at a time (pg advisory lock key). */
const LOCK_KEY = 7_348_201;

/**
 * Deadlines follow the rules and the history, in the background: after an edit of the calendar,
 * the working hours or a limit, the open leads' and clients' deadlines are recomputed here in
 * batches (recompute_*_deadlines in PostgreSQL); after the Deadlines migration, every existing
 * lead's and client's start in its status or stage is read from its history (backfill_*_since),
 * saving its progress, so a restart goes on where it stopped. Neither the administrator's save,
 * the managers' edits nor the app's start waits for it. The scheduler calls `run` every minute.
 */
@Injectable()
export class DeadlineService {
  /** Set at shutdown: the work stops after its current batch (the backfill's progress is saved). */
  private stopping = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  stop(): void {
    this.stopping = true;
  }

  /** The backfill, then a recomputation, as far as asked for; answers whether anything ran. */
  async run(): Promise<boolean> {
    const backfilled = await this.backfillIfRequested();
    const recomputed = await this.recomputeIfRequested();
    return backfilled || recomputed;
  }

  /** Recomputes when asked to; answers whether it did. */
  async recomputeIfRequested(): Promise<boolean> {
    const request = await this.setting(RECOMPUTE_REQUEST);
    if (request === undefined) return false;
    return this.locked(async (runner) => {
      for (const recompute of ['recompute_lead_deadlines', 'recompute_client_deadlines']) {
        let after: number | null = 0;
        while (after !== null) {
          if (this.stopping) return; // the request stays: the next start recomputes
          after = await this.batch(runner, recompute, after, RECOMPUTE_BATCH);
        }
      }
      // Served — unless the rules changed again meanwhile (then the next run recomputes).
      await runner.query('DELETE FROM app_setting WHERE key = $1 AND value = $2', [
        RECOMPUTE_REQUEST,
        request,
      ]);
    });
  }

  /** Goes on with the backfill the migration asked for; answers whether it ran. */
  async backfillIfRequested(): Promise<boolean> {
    if ((await this.setting(BACKFILL_PROGRESS)) === undefined) return false;
    return this.locked(async (runner) => {
      while (!this.stopping) {
        const progress = /^(lead|client):(\d+)$/.exec((await this.setting(BACKFILL_PROGRESS, runner)) ?? '');
        if (!progress) break;
        const [, table, after] = progress;
        const last = await this.batch(runner, `backfill_${table}_since`, Number(after), BACKFILL_BATCH);
        const next = last !== null ? `${table}:${last}` : table === 'lead' ? 'client:0' : null;
        if (next === null) await runner.query('DELETE FROM app_setting WHERE key = $1', [BACKFILL_PROGRESS]);
        else
          await runner.query('UPDATE app_setting SET value = $2 WHERE key = $1', [BACKFILL_PROGRESS, next]);
      }
    });
  }

  private async batch(runner: QueryRunner, fn: string, after: number, size: number): Promise<number | null> {
    const [row] = (await runner.query(`SELECT ${fn}($1, $2) AS last`, [after, size])) as {
      last: number | null;
    }[];
    return row.last;
  }

  private async setting(key: string, runner?: QueryRunner): Promise<string | undefined> {
    const [row] = (await (runner ?? this.dataSource).query('SELECT value FROM app_setting WHERE key = $1', [
      key,
    ])) as { value: string }[];
    return row?.value;
  }

  /** Runs `work` on one connection holding the advisory lock; false when another holds it. */
  private async locked(work: (runner: QueryRunner) => Promise<void>): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY])) as {
        locked: boolean;
      }[];
      if (!locked) return false;
      try {
        await work(runner);
        return true;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
