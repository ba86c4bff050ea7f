import type { EntityManager } from 'typeorm';

import type { ReportKind, ReportOrigin } from '../entities/report.entity.js';
import type { ReportKey } from '../report-key.js';

/**
 * The report archive's own rows: the report, its PDF (report_file) and whether its mail to the
 * committee is in the outbox (notification.report_id). Every function runs in the caller's
 * transaction (the manager it is given).
 */

/** A report as ReportService.ensure decides on it: is it built, is it current, is it mailed. */
export interface ReportState {
  id: number;
  generatedAt: Date | null;
  periodEnd: string;
  hasFile: boolean;
  mailed: boolean;
}

/** A report's PDF with what decides who reads it. */
export interface ReportDownloadRow {
  kind: ReportKind;
  departmentId: number | null;
  fileName: string;
  content: Buffer;
}

export interface ReportMailState {
  reportId: number;
  state: 'pending' | 'sent';
}

/** Waits at most this long for a lock held by another maker of the same report. */
export async function setLockWait(manager: EntityManager, seconds: number): Promise<void> {
  await manager.query(`SET LOCAL lock_timeout = '${Math.trunc(seconds)}s'`);
}

/** The report of this key, locked for the rest of the transaction (FOR UPDATE). */
export async function lockReport(manager: EntityManager, key: ReportKey): Promise<ReportState | undefined> {
  const rows: ReportState[] = await manager.query(
    `SELECT r.id, r.generated_at AS "generatedAt", r.period_end::text AS "periodEnd",
            EXISTS (SELECT 1 FROM report_file f WHERE f.report_id = r.id) AS "hasFile",
            EXISTS (SELECT 1 FROM notification n WHERE n.report_id = r.id) AS mailed
     FROM report r
     WHERE r.kind = $1 AND r.department_id IS NOT DISTINCT FROM $2 AND r.period_start = $3
       AND r.period_end = $4
     FOR UPDATE`,
    [key.kind, key.departmentId, key.period.start, key.period.end],
  );
  return rows[0];
}

/** Adds the report of this key unless it is there (its unique key decides). */
export async function insertReport(
  manager: EntityManager,
  key: ReportKey,
  origin: ReportOrigin,
  requestedByUserId: number | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO report (kind, department_id, period_start, period_end, origin, requested_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [key.kind, key.departmentId, key.period.start, key.period.end, origin, requestedByUserId],
  );
}

/** A report first made on request becomes the scheduled one once the schedule mails it. */
export async function markScheduled(manager: EntityManager, reportId: number): Promise<void> {
  await manager.query(`UPDATE report SET origin = 'schedule' WHERE id = $1`, [reportId]);
}

/** Stores (or replaces) the report's PDF and when and how fast it was built. */
export async function saveReportFile(
  manager: EntityManager,
  reportId: number,
  file: { fileName: string; content: Buffer; generatedAt: Date; buildMs: number },
): Promise<void> {
  await manager.query(
    `INSERT INTO report_file (report_id, file_name, content) VALUES ($1, $2, $3)
     ON CONFLICT (report_id) DO UPDATE SET file_name = EXCLUDED.file_name, content = EXCLUDED.content`,
    [reportId, file.fileName, file.content],
  );
  await manager.query('UPDATE report SET generated_at = $2, build_ms = $3, size_bytes = $4 WHERE id = $1', [
    reportId,
    file.generatedAt,
    file.buildMs,
    file.content.length,
  ]);
}

export async function findReportDownload(
  manager: EntityManager,
  reportId: number,
): Promise<ReportDownloadRow | undefined> {
  const rows: ReportDownloadRow[] = await manager.query(
    `SELECT r.kind::text AS kind, r.department_id AS "departmentId", f.file_name AS "fileName", f.content
     FROM report r JOIN report_file f ON f.report_id = r.id WHERE r.id = $1`,
    [reportId],
  );
  return rows[0];
}

/** The department of a report (null for the annual statistics); undefined when there is no such report. */
export async function findReportDepartment(
  manager: EntityManager,
  reportId: number,
): Promise<{ departmentId: number | null } | undefined> {
  const rows: { departmentId: number | null }[] = await manager.query(
    'SELECT department_id AS "departmentId" FROM report WHERE id = $1',
    [reportId],
  );
  return rows[0];
}

/** The outbox state of the reports' mails (a report made on request has none). */
export async function reportMailStates(
  manager: EntityManager,
  reportIds: number[],
): Promise<ReportMailState[]> {
  return manager.query(
    `SELECT report_id AS "reportId", state::text AS state FROM notification WHERE report_id = ANY($1::int[])`,
    [reportIds],
  );
}
