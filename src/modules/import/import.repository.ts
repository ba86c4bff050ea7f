import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';

import type { ImportKind } from './import-contract.js';
import type { ImportLineResult } from './import-job-line.entity.js';
import { ImportJob } from './import-job.entity.js';
import type {
  CreatedRecord,
  DuplicateLink,
  ImportedEntity,
  ImportJobStatus,
  ImportReport,
  SavedMapping,
  ValueOption,
  UndoReport,
} from './import-run-contract.js';

/** A line of the ledger as a batch writes it. */
export interface LedgerLine {
  line: number;
  result: ImportLineResult;
  entity: ImportedEntity | null;
  recordId: number | null;
  text: string | null;
  duplicates: DuplicateLink[] | null;
  cells: string[] | null;
}

/** A row a check refused, as `import_check_error` keeps it. */
export interface CheckError {
  line: number;
  reason: string;
  cells: string[];
}

/** A refused row as the errors file lists it (from the ledger or the check's errors). */
export interface RefusedLine {
  line: number;
  text: string;
  cells: string[];
}

/** A job a worker claimed: what to run. */
export interface ClaimedImport {
  id: number;
  /** checking: the dry run; running: the import. */
  status: 'checking' | 'running';
}

/** A job as a batch finds it under its lock. */
export interface LockedRun {
  status: ImportJobStatus;
  resultReport: ImportReport | null;
}

/** The import's SQL: jobs, their ledger and saved mappings, on the caller's manager. */
export class ImportRepository {
  constructor(private readonly manager: EntityManager) {}

  private get jobs() {
    return this.manager.getRepository(ImportJob);
  }

  async create(job: Partial<ImportJob>): Promise<number> {
    const saved = await this.jobs.save(this.jobs.create(job));
    return saved.id;
  }

  async find(id: number): Promise<ImportJob | null> {
    return this.jobs.findOneBy({ id });
  }

  async jobsOf(userId: number, limit: number): Promise<ImportJob[]> {
    return this.jobs.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /**
   * Changes the job only if its status is still one of `from` (a worker or another request may
   * have moved it meanwhile); false when it was not.
   */
  async changeIf(
    id: number,
    from: readonly ImportJobStatus[],
    change: QueryDeepPartialEntity<ImportJob>,
  ): Promise<boolean> {
    const result = await this.jobs
      .createQueryBuilder()
      .update()
      .set(change)
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Jobs whose file nothing reads any more, locked: done or undone imports that ended, and uploads
   * never imported (uploaded or checked), both more than `days` ago.
   */
  async lockFilesToExpire(
    days: number,
    limit: number,
  ): Promise<{ id: number; filePath: string; abandoned: boolean }[]> {
    return this.manager.query(
      `SELECT id, file_path AS "filePath", status IN ('uploaded', 'checked') AS abandoned
         FROM import_job
        WHERE file_path IS NOT NULL
          AND ((status IN ('done', 'undone') AND finished_at < now() - make_interval(days => $1))
            OR (status IN ('uploaded', 'checked') AND created_at < now() - make_interval(days => $1)))
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [days, limit],
    );
  }

  /**
   * Forgets the files of finished imports, with the rows their checks refused (copies of the file's
   * cells), and deletes the jobs of abandoned uploads.
   */
  async filesExpired(kept: number[], abandoned: number[]): Promise<void> {
    if (kept.length > 0) {
      await this.manager.query('UPDATE import_job SET file_path = NULL WHERE id = ANY($1::int[])', [kept]);
      await this.clearCheckErrors(kept);
    }
    if (abandoned.length > 0)
      await this.manager.query('DELETE FROM import_job WHERE id = ANY($1::int[])', [abandoned]);
  }

  /** The departments as dropdown choices, in their dictionary order. */
  async departments(): Promise<ValueOption[]> {
    const rows: { id: number; name: string }[] = await this.manager.query(
      'SELECT id, name FROM department ORDER BY position, name',
    );
    return rows.map((row) => ({ key: String(row.id), label: row.name }));
  }

  async departmentExists(id: number): Promise<boolean> {
    const rows: unknown[] = await this.manager.query('SELECT 1 FROM department WHERE id = $1', [id]);
    return rows.length > 0;
  }

  /**
   * Takes the oldest check or import waiting for a worker — or one whose run stopped sending
   * heartbeats (its instance died) — for the run `claim`. SKIP LOCKED: two instances never take
   * the same job, and a job a batch holds locked is not taken from under it.
   */
  async claimNext(claim: string, staleSeconds: number): Promise<ClaimedImport | undefined> {
    const [rows]: [ClaimedImport[], number] = await this.manager.query(
      `UPDATE import_job SET
         status = CASE WHEN status = 'queued' THEN 'running' ELSE status END,
         claim = $1, heartbeat_at = clock_timestamp(),
         started_at = CASE WHEN status IN ('queued', 'running') THEN coalesce(started_at, now()) END
       WHERE id = (
         SELECT id FROM import_job
         WHERE (status IN ('checking', 'queued', 'running') AND claim IS NULL)
            OR (status IN ('checking', 'running') AND heartbeat_at < now() - make_interval(secs => $2))
         ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, status`,
      [claim, staleSeconds],
    );
    return rows[0];
  }

  /** Locks the job for a batch of its import run; undefined when the run lost it. */
  async lockRun(id: number, claim: string): Promise<LockedRun | undefined> {
    const rows: LockedRun[] = await this.manager.query(
      `SELECT status, result_report AS "resultReport" FROM import_job WHERE id = $1 AND claim = $2 FOR UPDATE`,
      [id, claim],
    );
    return rows[0];
  }

  /** The last line the ledger holds for a job (0: none yet). */
  async lastLine(jobId: number): Promise<number> {
    const [row]: { line: number }[] = await this.manager.query(
      'SELECT coalesce(max(line), 0)::int AS line FROM import_row WHERE job_id = $1',
      [jobId],
    );
    return row.line;
  }

  async insertLines(jobId: number, lines: readonly LedgerLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.manager.query(
      `INSERT INTO import_row (job_id, line, result, entity, record_id, text, duplicates, cells)
       SELECT $1, line, result, entity, "recordId", text, duplicates, cells
       FROM jsonb_to_recordset($2::jsonb) AS r(line int, result varchar, entity varchar, "recordId" int,
         text text, duplicates jsonb, cells jsonb)`,
      [jobId, JSON.stringify(lines)],
    );
  }

  /** A batch's end: its progress, the report so far and the heartbeat, in the batch's transaction. */
  async batchWritten(id: number, claim: string, done: number, report: ImportReport): Promise<void> {
    await this.manager.query(
      `UPDATE import_job SET progress_done = $3, result_report = $4, heartbeat_at = clock_timestamp()
       WHERE id = $1 AND claim = $2`,
      [id, claim, done, JSON.stringify(report)],
    );
  }

  /** The progress of a check (and its heartbeat); false when the run lost the job. */
  async progress(id: number, claim: string, done: number, total?: number): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.manager.query(
      `UPDATE import_job SET progress_done = $3, progress_total = coalesce($4, progress_total),
         heartbeat_at = clock_timestamp()
       WHERE id = $1 AND claim = $2 RETURNING id`,
      [id, claim, done, total ?? null],
    );
    return rows.length > 0;
  }

  /**
   * A tick of a check: its progress and heartbeat, and the rows it refused since the last tick —
   * only while the run still holds the job; false when it lost it.
   */
  async checkProgress(
    id: number,
    claim: string,
    done: number,
    refused: readonly CheckError[],
  ): Promise<boolean> {
    const [row]: { ticked: boolean }[] = await this.manager.query(
      `WITH tick AS (
         UPDATE import_job SET progress_done = $3, heartbeat_at = clock_timestamp()
         WHERE id = $1 AND claim = $2 RETURNING id),
       stored AS (
         INSERT INTO import_check_error (job_id, line, reason, cells)
         SELECT tick.id, r.line, r.reason, r.cells
         FROM tick, jsonb_to_recordset($4::jsonb) AS r(line int, reason text, cells jsonb))
       SELECT EXISTS (SELECT 1 FROM tick) AS ticked`,
      [id, claim, done, JSON.stringify(refused)],
    );
    return row.ticked;
  }

  /** Deletes the rows the jobs' last checks refused: a new check, changed settings, an expired file. */
  async clearCheckErrors(jobIds: readonly number[]): Promise<void> {
    await this.manager.query('DELETE FROM import_check_error WHERE job_id = ANY($1::int[])', [jobIds]);
  }

  /** Rows the last check refused after `afterLine`, a page at a time (the errors file). */
  async checkErrors(jobId: number, afterLine: number, limit: number): Promise<RefusedLine[]> {
    return this.manager.query(
      `SELECT line, reason AS text, cells FROM import_check_error
       WHERE job_id = $1 AND line > $2 ORDER BY line LIMIT $3`,
      [jobId, afterLine, limit],
    );
  }

  /** Ends a run: the job leaves the worker with `change`, if the run still holds it. */
  async finishRun(id: number, claim: string, change: QueryDeepPartialEntity<ImportJob>): Promise<boolean> {
    const result = await this.jobs
      .createQueryBuilder()
      .update()
      .set({ ...change, claim: null })
      .where('id = :id AND claim = :claim', { id, claim })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The records the import created, by line: what «Отменить импорт» removes. */
  async createdRecords(jobId: number): Promise<CreatedRecord[]> {
    return this.manager.query(
      `SELECT entity, record_id AS id, line FROM import_row
       WHERE job_id = $1 AND result = 'created' ORDER BY line`,
      [jobId],
    );
  }

  /** Refused lines of the import's ledger after `afterLine`, a page at a time (the errors file). */
  async refusedLines(jobId: number, afterLine: number, limit: number): Promise<RefusedLine[]> {
    return this.manager.query(
      `SELECT line, coalesce(text, '') AS text, coalesce(cells, '[]') AS cells FROM import_row
       WHERE job_id = $1 AND result = 'refused' AND line > $2 ORDER BY line LIMIT $3`,
      [jobId, afterLine, limit],
    );
  }

  async undone(id: number, report: UndoReport): Promise<boolean> {
    return this.changeIf(id, ['done', 'cancelled'], { status: 'undone', undoReport: report });
  }

  /** Saves (or replaces) the user's mapping of that kind and name. */
  async saveMapping(
    userId: number,
    kind: ImportKind,
    name: string,
    columns: Record<string, string>,
  ): Promise<SavedMapping> {
    const [row]: SavedMapping[] = await this.manager.query(
      `INSERT INTO import_mapping (user_id, kind, name, columns) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT import_mapping_user_kind_name
       DO UPDATE SET columns = excluded.columns, updated_at = now()
       RETURNING id, name, kind, columns`,
      [userId, kind, name, JSON.stringify(columns)],
    );
    return row;
  }

  async mappingsOf(userId: number, kind: ImportKind): Promise<SavedMapping[]> {
    return this.manager.query(
      `SELECT id, name, kind, columns FROM import_mapping WHERE user_id = $1 AND kind = $2 ORDER BY name, id`,
      [userId, kind],
    );
  }
}
