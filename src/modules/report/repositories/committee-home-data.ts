import type { EntityManager } from 'typeorm';

import type { Compared, ComparedMoney, Period } from '../documents/report-data.js';
import { loadLeadOutcomes } from './lead-figures.js';
import { countBoth, inBoth, inPeriod, inPrevious, periodParameters } from './period-sql.js';
import type { DepartmentName } from './report-departments.js';

export type { DepartmentName } from './report-departments.js';

/**
 * The reads behind a committee member's home page: which departments are theirs, the latest
 * reports of those departments, and the week's key figures of each (SQL aggregates, one query per
 * figure for all the departments at once).
 */

/** An archived report with its PDF, as the home page links it. */
export interface ArchivedReport {
  id: number;
  departmentId: number | null;
  periodStart: string;
  periodEnd: string;
  generatedAt: Date;
}

/** A department's key figures of a period, each beside the period compared with. */
export interface WeekFigures {
  departmentId: number;
  leadsReceived: Compared;
  leadsProcessed: Compared;
  leadsConverted: Compared;
  /** Leads in «Новый» now. */
  leadsWaiting: number;
  clientsAdded: Compared;
  dealsSigned: Compared;
  dealsTotal: ComparedMoney;
}

/**
 * The departments whose committee the member sits on: their own department and those whose
 * «Получатели отчётов комитета» list their address. A member tied to none reads every
 * department (committee members read every report).
 */
export async function committeeDepartments(
  manager: EntityManager,
  member: { email: string; departmentId: number | null },
): Promise<DepartmentName[]> {
  const all: (DepartmentName & { own: boolean })[] = await manager.query(
    `SELECT id, name,
            (id = $1 OR EXISTS (SELECT 1 FROM unnest(committee_emails) e WHERE lower(e) = lower($2))) AS own
     FROM department ORDER BY position, name`,
    [member.departmentId, member.email],
  );
  const own = all.filter((department) => department.own);
  return (own.length > 0 ? own : all).map(({ id, name }) => ({ id, name }));
}

/** A report of a period, built or not. */
export interface PeriodReport {
  departmentId: number;
  generatedAt: Date | null;
  hasFile: boolean;
}

/** The committee reports of these departments for exactly this period, built or not. */
export async function reportsOfPeriod(
  manager: EntityManager,
  departmentIds: number[],
  period: Period,
): Promise<PeriodReport[]> {
  return manager.query(
    `SELECT r.department_id AS "departmentId", r.generated_at AS "generatedAt",
            EXISTS (SELECT 1 FROM report_file f WHERE f.report_id = r.id) AS "hasFile"
     FROM report r
     WHERE r.kind = 'committee' AND r.department_id = ANY($1::int[]) AND r.period_start = $2 AND r.period_end = $3`,
    [departmentIds, period.start, period.end],
  );
}

/** The annual statistics of `period`, if made: when its PDF was made. */
export async function annualReportOf(
  manager: EntityManager,
  period: Period,
): Promise<Omit<PeriodReport, 'departmentId'> | undefined> {
  const [report]: Omit<PeriodReport, 'departmentId'>[] = await manager.query(
    `SELECT r.generated_at AS "generatedAt", EXISTS (SELECT 1 FROM report_file f WHERE f.report_id = r.id) AS "hasFile"
     FROM report r WHERE r.kind = 'annual' AND r.period_start = $1 AND r.period_end = $2`,
    [period.start, period.end],
  );
  return report;
}

/**
 * Each department's latest weekly committee report (a Monday–Sunday week) up to the week ending
 * `lastDay`, with its PDF: what the committee discusses. Reports of other periods, ordered by a
 * manager, stay in the archive.
 */
export async function latestWeeklyReports(
  manager: EntityManager,
  departmentIds: number[],
  lastDay: string,
): Promise<ArchivedReport[]> {
  return manager.query(
    `SELECT DISTINCT ON (r.department_id) r.id, r.department_id AS "departmentId",
            r.period_start::text AS "periodStart", r.period_end::text AS "periodEnd", r.generated_at AS "generatedAt"
     FROM report r
     WHERE r.kind = 'committee' AND r.department_id = ANY($1::int[])
       AND extract(isodow FROM r.period_start) = 1 AND r.period_end = r.period_start + 6 AND r.period_end <= $2
       AND r.generated_at IS NOT NULL AND EXISTS (SELECT 1 FROM report_file f WHERE f.report_id = r.id)
     ORDER BY r.department_id, r.period_end DESC`,
    [departmentIds, lastDay],
  );
}

/** The latest annual statistics with their PDF, if any. */
export async function latestAnnualReport(manager: EntityManager): Promise<ArchivedReport | null> {
  const [report]: ArchivedReport[] = await manager.query(
    `SELECT r.id, r.department_id AS "departmentId", r.period_start::text AS "periodStart",
            r.period_end::text AS "periodEnd", r.generated_at AS "generatedAt"
     FROM report r
     WHERE r.kind = 'annual' AND r.generated_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM report_file f WHERE f.report_id = r.id)
     ORDER BY r.period_end DESC LIMIT 1`,
  );
  return report ?? null;
}

/**
 * The key figures of the committee report for these departments: leads received, processed and
 * converted, clients added, deals signed and their value (the same rules as the report:
 * committee-data.ts, deal-data.ts), and the leads waiting now.
 */
export async function loadWeekFigures(
  manager: EntityManager,
  departmentIds: number[],
  period: Period,
  previous: Period,
): Promise<WeekFigures[]> {
  const query = <T>(sql: string) =>
    manager.query(sql, [...periodParameters(period, previous), departmentIds]) as Promise<
      (T & { departmentId: number })[]
    >;
  const received = await query<Compared>(
    `SELECT l.department_id AS "departmentId", ${countBoth('l.submitted_at')}
     FROM lead l WHERE l.department_id = ANY($4::int[]) AND ${inBoth('l.submitted_at')} GROUP BY 1`,
  );
  const outcomes = await loadLeadOutcomes(manager, departmentIds, period, previous);
  const waiting: { departmentId: number; count: number }[] = await manager.query(
    `SELECT department_id AS "departmentId", count(*)::int AS count FROM lead
     WHERE status = 'new' AND department_id = ANY($1::int[]) GROUP BY 1`,
    [departmentIds],
  );
  const added = await query<Compared>(
    `SELECT c.department_id AS "departmentId",
            count(*) FILTER (WHERE c.added_on BETWEEN $2::date AND $3::date)::int AS current,
            count(*) FILTER (WHERE c.added_on BETWEEN ($1::date[])[1] AND ($1::date[])[2])::int AS previous
     FROM client c
     WHERE c.department_id = ANY($4::int[])
       AND (c.added_on BETWEEN $2::date AND $3::date OR c.added_on BETWEEN ($1::date[])[1] AND ($1::date[])[2])
     GROUP BY 1`,
  );
  const deals = await query<{ signed: Compared; total: ComparedMoney }>(
    `SELECT l.department_id AS "departmentId",
            json_build_object('current', count(DISTINCT d.id) FILTER (WHERE ${inPeriod('d.signed_at')}),
                              'previous', count(DISTINCT d.id) FILTER (WHERE ${inPrevious('d.signed_at')})) AS signed,
            json_build_object(
              'current', COALESCE(sum(l.cost_per_year * l.term_years) FILTER (WHERE ${inPeriod('d.signed_at')}), 0)::numeric(18,2)::text,
              'previous', COALESCE(sum(l.cost_per_year * l.term_years) FILTER (WHERE ${inPrevious('d.signed_at')}), 0)::numeric(18,2)::text
            ) AS total
     FROM deal d JOIN deal_line l ON l.deal_id = d.id AND l.department_id = ANY($4::int[])
     WHERE d.status IN ('signed', 'closed') AND ${inBoth('d.signed_at')}
     GROUP BY 1`,
  );
  const none: Compared = { current: 0, previous: 0 };
  const of = <T extends { departmentId: number }>(rows: T[], id: number) =>
    rows.find((row) => row.departmentId === id);
  return departmentIds.map((id) => ({
    departmentId: id,
    leadsReceived: pick(of(received, id)) ?? none,
    leadsProcessed: of(outcomes, id)?.processed ?? none,
    leadsConverted: of(outcomes, id)?.converted ?? none,
    leadsWaiting: of(waiting, id)?.count ?? 0,
    clientsAdded: pick(of(added, id)) ?? none,
    dealsSigned: of(deals, id)?.signed ?? none,
    dealsTotal: of(deals, id)?.total ?? { current: '0.00', previous: '0.00' },
  }));
}

const pick = (row: Compared | undefined): Compared | undefined =>
  row && { current: row.current, previous: row.previous };
