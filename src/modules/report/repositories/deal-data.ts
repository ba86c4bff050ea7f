import type { EntityManager } from 'typeorm';

import type { NamedMoney, Period } from '../documents/report-data.js';
import { PERIOD_BOUNDS, inBoth, inPeriod, inPrevious, periodParameters } from './period-sql.js';

/**
 * Signed deals as SQL aggregates. A deal line belongs to a department (premises → the object
 * type's, ВЭД → «Департамент ВЭД», 3PL → its service type's; stored on the line as
 * `department_id`), so a department's figures count its own lines at their value (yearly cost ×
 * term) and the deals they belong to. A deal counts from its signing (signed or later closed).
 */
const groupings = {
  all: `'all'`,
  kind: `d.kind::text`,
  service: `COALESCE(s.name, t.name)`,
  department: `dep.name`,
  month: `extract(month FROM d.signed_at AT TIME ZONE 'Europe/Moscow')::int::text`,
  client: `cl.company_name || ' (№' || cl.id || ')'`,
} as const;

export type DealGrouping = keyof typeof groupings;

export interface DealScope {
  /** The period compared with, and the first and last day of the period (Moscow dates). */
  previous: Period;
  start: string;
  end: string;
  /** null: every department. */
  departmentId: number | null;
}

/** The same groupings over the staged lines (see stageDealLines). */
const stagedGroupings: Record<DealGrouping, string> = {
  all: `'all'`,
  kind: `r.kind`,
  service: `r.service`,
  department: `r.department`,
  month: `extract(month FROM r.signed_at AT TIME ZONE 'Europe/Moscow')::int::text`,
  client: `r.client || ' (№' || r.client_id || ')'`,
};

export const STAGED_DEAL_LINES = 'report_deal_lines';

/**
 * The signed deal lines of the period and the previous one, joined with the names the groupings
 * need, into a temporary table of this transaction: the annual statistics group them a dozen
 * ways per department, each over this small table instead of the whole deal history.
 */
export async function stageDealLines(
  manager: EntityManager,
  scope: Omit<DealScope, 'departmentId'>,
): Promise<void> {
  await manager.query(`DROP TABLE IF EXISTS ${STAGED_DEAL_LINES}`);
  await manager.query(
    `CREATE TEMP TABLE ${STAGED_DEAL_LINES} ON COMMIT DROP AS
     WITH ${PERIOD_BOUNDS}
     SELECT d.id AS deal_id, d.kind::text AS kind, d.signed_at, cl.id AS client_id, cl.company_name AS client,
            l.department_id, dep.name AS department, COALESCE(s.name, t.name) AS service,
            l.cost_per_year * l.term_years AS value
     FROM bounds, deal d
     JOIN deal_line l ON l.deal_id = d.id
     JOIN client cl ON cl.id = d.client_id
     JOIN department dep ON dep.id = l.department_id
     LEFT JOIN premises p ON p.id = l.premises_id LEFT JOIN object_type t ON t.id = p.object_type_id
     LEFT JOIN service_type s ON s.id = l.service_type_id
     WHERE d.status IN ('signed', 'closed') AND ${inBoth('d.signed_at')}`,
    periodParameters({ start: scope.start, end: scope.end }, scope.previous),
  );
  await manager.query(`ANALYZE ${STAGED_DEAL_LINES}`);
}

/** Signed deals of the scope grouped one way: counts of deals and sums of their lines, both periods. */
export async function loadDealTotals(
  manager: EntityManager,
  scope: DealScope,
  grouping: DealGrouping,
  options: { limit?: number; staged?: boolean } = {},
): Promise<NamedMoney[]> {
  if (options.staged) return loadStagedDealTotals(manager, scope, grouping, options.limit);
  const name = groupings[grouping];
  // Every deal has its client and every line its department (foreign keys): joined only for the
  // groupings that name them, as PostgreSQL drops unused LEFT JOINs by itself but not inner ones.
  const rows = (await manager.query(
    `WITH ${PERIOD_BOUNDS}
     SELECT ${name} AS name,
            count(DISTINCT d.id) FILTER (WHERE ${inPeriod('d.signed_at')})::int AS "currentCount",
            count(DISTINCT d.id) FILTER (WHERE ${inPrevious('d.signed_at')})::int AS "previousCount",
            COALESCE(sum(l.cost_per_year * l.term_years) FILTER (WHERE ${inPeriod('d.signed_at')}), 0)::numeric(18,2)::text AS "currentTotal",
            COALESCE(sum(l.cost_per_year * l.term_years) FILTER (WHERE ${inPrevious('d.signed_at')}), 0)::numeric(18,2)::text AS "previousTotal"
     FROM bounds, deal d
     JOIN deal_line l ON l.deal_id = d.id AND ($4::int IS NULL OR l.department_id = $4)
     ${grouping === 'client' ? 'JOIN client cl ON cl.id = d.client_id' : ''}
     ${grouping === 'department' ? 'JOIN department dep ON dep.id = l.department_id' : ''}
     LEFT JOIN premises p ON p.id = l.premises_id LEFT JOIN object_type t ON t.id = p.object_type_id
     LEFT JOIN service_type s ON s.id = l.service_type_id
     WHERE d.status IN ('signed', 'closed') AND ${inBoth('d.signed_at')}
     GROUP BY 1
     ORDER BY sum(l.cost_per_year * l.term_years) FILTER (WHERE ${inPeriod('d.signed_at')}) DESC NULLS LAST, 1
     ${options.limit ? `LIMIT ${Number(options.limit)}` : ''}`,
    [...periodParameters({ start: scope.start, end: scope.end }, scope.previous), scope.departmentId],
  )) as TotalsRow[];
  return rows.map(toNamedMoney);
}

async function loadStagedDealTotals(
  manager: EntityManager,
  scope: DealScope,
  grouping: DealGrouping,
  limit?: number,
): Promise<NamedMoney[]> {
  const rows = (await manager.query(
    `WITH ${PERIOD_BOUNDS}
     SELECT ${stagedGroupings[grouping]} AS name,
            count(DISTINCT r.deal_id) FILTER (WHERE ${inPeriod('r.signed_at')})::int AS "currentCount",
            count(DISTINCT r.deal_id) FILTER (WHERE ${inPrevious('r.signed_at')})::int AS "previousCount",
            COALESCE(sum(r.value) FILTER (WHERE ${inPeriod('r.signed_at')}), 0)::numeric(18,2)::text AS "currentTotal",
            COALESCE(sum(r.value) FILTER (WHERE ${inPrevious('r.signed_at')}), 0)::numeric(18,2)::text AS "previousTotal"
     FROM bounds, ${STAGED_DEAL_LINES} r
     WHERE ($4::int IS NULL OR r.department_id = $4) AND ${inBoth('r.signed_at')}
     GROUP BY 1
     ORDER BY sum(r.value) FILTER (WHERE ${inPeriod('r.signed_at')}) DESC NULLS LAST, 1
     ${limit ? `LIMIT ${Number(limit)}` : ''}`,
    [...periodParameters({ start: scope.start, end: scope.end }, scope.previous), scope.departmentId],
  )) as TotalsRow[];
  return rows.map(toNamedMoney);
}

interface TotalsRow {
  name: string;
  currentCount: number;
  previousCount: number;
  currentTotal: string;
  previousTotal: string;
}

function toNamedMoney(row: TotalsRow): NamedMoney {
  return {
    name: row.name,
    count: { current: row.currentCount, previous: row.previousCount },
    total: { current: row.currentTotal, previous: row.previousTotal },
  };
}

export const NO_DEALS: NamedMoney = {
  name: 'all',
  count: { current: 0, previous: 0 },
  total: { current: '0.00', previous: '0.00' },
};
