import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { DeadlineRepository } from './deadline.repository.js';

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
    return this.locked(async (deadlines) => {
      for (const recompute of ['recompute_lead_deadlines', 'recompute_client_deadlines'] as const) {
        let after: number | null = 0;
        while (after !== null) {
          if (this.stopping) return; // the request stays: the next start recomputes
          after = await deadlines.runBatch(recompute, after, RECOMPUTE_BATCH);
        }
      }
      // Served — unless the rules changed again meanwhile (then the next run recomputes).
      await deadlines.deleteSetting(RECOMPUTE_REQUEST, request);
    });
  }

  /** Goes on with the backfill the migration asked for; answers whether it ran. */
  async backfillIfRequested(): Promise<boolean> {
    if ((await this.setting(BACKFILL_PROGRESS)) === undefined) return false;
    return this.locked(async (deadlines) => {
      while (!this.stopping) {
        const progress = /^(lead|client):(\d+)$/.exec((await deadlines.setting(BACKFILL_PROGRESS)) ?? '');
        if (!progress) break;
        const table = progress[1] as 'lead' | 'client';
        const last = await deadlines.runBatch(`backfill_${table}_since`, Number(progress[2]), BACKFILL_BATCH);
        const next = last !== null ? `${table}:${last}` : table === 'lead' ? 'client:0' : null;
        if (next === null) await deadlines.deleteSetting(BACKFILL_PROGRESS);
        else await deadlines.updateSetting(BACKFILL_PROGRESS, next);
      }
    });
  }

  private async setting(key: string): Promise<string | undefined> {
    return new DeadlineRepository(this.dataSource.manager).setting(key);
  }

  /** Runs `work` on one connection holding the advisory lock; false when another holds it. */
  private async locked(work: (deadlines: DeadlineRepository) => Promise<void>): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const deadlines = new DeadlineRepository(runner.manager);
      if (!(await deadlines.tryAdvisoryLock(LOCK_KEY))) return false;
      try {
        await work(deadlines);
        return true;
      } finally {
        await deadlines.advisoryUnlock(LOCK_KEY);
      }
    } finally {
      await runner.release();
    }
  }
}
