import type { DataSource, EntityManager } from 'typeorm';
import QueryStream from 'pg-query-stream';
import type { PoolClient } from 'pg';

import type { ExportFormat } from './export-cells.js';
import type { ExportJobStatus, ExportQuery } from './export-job.entity.js';
import type { ExportRow } from './export-writer.js';

/** A job as its user's page shows it. */
export interface ExportJobRow {
  id: number;
  list: string;
  format: ExportFormat;
  fileName: string;
  status: ExportJobStatus;
  totalRows: number | null;
  rowsWritten: number;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
}

/** A job a worker has claimed: what to write. */
export interface ClaimedJob {
  id: number;
  list: string;
  format: ExportFormat;
  query: ExportQuery;
}

const JOB_COLUMNS = `id, list, format, file_name AS "fileName", status, total_rows AS "totalRows",
  rows_written AS "rowsWritten", created_at AS "createdAt", finished_at AS "finishedAt", expires_at AS "expiresAt"`;

/** Rows a cursor fetches at a time: a batch in memory, never the whole result. */
const CURSOR_BATCH = 1_000;

/** The export's SQL: jobs on the caller's manager, the list's rows through a server-side cursor. */
export class ExportRepository {
  constructor(private readonly manager: EntityManager) {}

  /** How many rows the query holds, counting no further than `cap`. */
  async count(query: ExportQuery, cap?: number): Promise<number> {
    const limited = cap === undefined ? query.sql : `${query.sql} LIMIT ${Math.trunc(cap)}`;
    const [row]: { count: number }[] = await this.manager.query(
      `SELECT count(*)::int AS count FROM (${limited}) listed`,
      query.parameters,
    );
    return row.count;
  }

  /** Unfinished jobs of a user (queued or running). */
  async unfinishedOf(userId: number): Promise<number> {
    const [row]: { count: number }[] = await this.manager.query(
      `SELECT count(*)::int AS count FROM export_job WHERE user_id = $1 AND status IN ('queued', 'running')`,
      [userId],
    );
    return row.count;
  }

  async create(job: {
    userId: number;
    list: string;
    format: ExportFormat;
    fileName: string;
    query: ExportQuery;
  }): Promise<ExportJobRow> {
    const [row]: ExportJobRow[] = await this.manager.query(
      `INSERT INTO export_job (user_id, list, format, file_name, query) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${JOB_COLUMNS}`,
      [job.userId, job.list, job.format, job.fileName, JSON.stringify(job.query)],
    );
    return row;
  }

  /**
   * Takes the oldest queued job — or one whose run stopped sending heartbeats (its instance died)
   * — for the run `claim`. SKIP LOCKED: two instances never take the same job.
   */
  async claimNext(claim: string, staleSeconds: number): Promise<ClaimedJob | undefined> {
    const [rows]: [ClaimedJob[], number] = await this.manager.query(
      `UPDATE export_job SET status = 'running', claim = $1, heartbeat_at = now(), rows_written = 0
       WHERE id = (
         SELECT id FROM export_job
         WHERE status = 'queued'
            OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $2))
         ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, list, format, query`,
      [claim, staleSeconds],
    );
    return rows[0];
  }

  /** Records the run's progress; false when the job is no longer this run's (claimed by another). */
  async progress(id: number, claim: string, rowsWritten: number, totalRows?: number): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.manager.query(
      `UPDATE export_job SET rows_written = $3, total_rows = coalesce($4, total_rows), heartbeat_at = now()
       WHERE id = $1 AND claim = $2 AND status = 'running' RETURNING id`,
      [id, claim, rowsWritten, totalRows ?? null],
    );
    return rows.length > 0;
  }

  async finish(id: number, claim: string, file: string, rowsWritten: number, keepHours: number) {
    const [rows]: [unknown[], number] = await this.manager.query(
      `UPDATE export_job SET status = 'done', file = $3, rows_written = $4, finished_at = now(),
         expires_at = now() + make_interval(hours => $5), claim = NULL
       WHERE id = $1 AND claim = $2 AND status = 'running' RETURNING id`,
      [id, claim, file, rowsWritten, keepHours],
    );
    return rows.length > 0;
  }

  async fail(id: number, claim: string, error: string): Promise<void> {
    await this.manager.query(
      `UPDATE export_job SET status = 'failed', error = $3, finished_at = now(), claim = NULL
       WHERE id = $1 AND claim = $2 AND status = 'running'`,
      [id, claim, error.slice(0, 2000)],
    );
  }

  /** Gives a job back to the queue (the instance stops): the next worker starts it afresh. */
  async release(id: number, claim: string): Promise<void> {
    await this.manager.query(
      `UPDATE export_job SET status = 'queued', claim = NULL, heartbeat_at = NULL, rows_written = 0
       WHERE id = $1 AND claim = $2 AND status = 'running'`,
      [id, claim],
    );
  }

  /** A user's latest jobs, newest first. */
  async jobsOf(userId: number, limit: number): Promise<ExportJobRow[]> {
    return this.manager.query(
      `SELECT ${JOB_COLUMNS} FROM export_job WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
  }

  /** One job of a user, with its file's name under EXPORT_DIR. */
  async jobOf(id: number, userId: number): Promise<(ExportJobRow & { file: string | null }) | undefined> {
    const [row]: (ExportJobRow & { file: string | null })[] = await this.manager.query(
      `SELECT ${JOB_COLUMNS}, file FROM export_job WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    return row;
  }

  /**
   * Finished jobs whose files are past their time, locked (SKIP LOCKED: one instance each) until
   * the caller's transaction marks them expired.
   */
  async lockExpired(limit: number): Promise<{ id: number; file: string | null }[]> {
    return this.manager.query(
      `SELECT id, file FROM export_job WHERE status = 'done' AND expires_at < now()
       ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markExpired(ids: number[]): Promise<void> {
    await this.manager.query(`UPDATE export_job SET status = 'expired', file = NULL WHERE id = ANY($1)`, [
      ids,
    ]);
  }
}

/**
 * The query's rows one by one through a server-side cursor (pg-query-stream): a batch of
 * CURSOR_BATCH rows in memory at a time, on a connection of its own held until the last row.
 */
export async function* streamRows(dataSource: DataSource, query: ExportQuery): AsyncGenerator<ExportRow> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    const client = (await runner.connect()) as PoolClient;
    const stream = client.query(new QueryStream(query.sql, query.parameters, { batchSize: CURSOR_BATCH }));
    try {
      for await (const row of stream) yield row as ExportRow;
    } finally {
      stream.destroy();
    }
  } finally {
    await runner.release();
  }
}
