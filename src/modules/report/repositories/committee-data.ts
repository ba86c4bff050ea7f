import type { EntityManager } from 'typeorm';

import type {
  CommitteeReportData,
  Compared,
  Deactivation,
  Durations,
  ManagerActivity,
  Period,
  WaitingLead,
} from '../documents/report-data.js';
import { buildDealSummary, PREMISES_LABEL_SQL, type SummaryLineInput } from '../../deal/deal-summary.js';
import { dealKindLabels, type DealKind } from '../../deal/entities/deal.entity.js';
import { leadStatusLabels, leadStatuses, type LeadStatus } from '../../lead/lead-transitions.js';
import { loadDealTotals, NO_DEALS, type DealScope } from './deal-data.js';
import { loadFunnels } from './funnel-data.js';
import { loadLeadOutcomes, loadLeadsByObjectType } from './lead-figures.js';
import {
  PERIOD_BOUNDS,
  PREVIOUS_FIRST_DAY,
  PREVIOUS_LAST_DAY,
  inBoth,
  inPeriod,
  inPrevious,
  periodParameters,
} from './period-sql.js';
import { previousPeriod } from '../report-periods.js';

/** The end of the period for the waiting-leads query, whose parameters are ($1 last day, $2 department, $3 now). */
const WAITING_END_AT = `($1::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow'`;

const NONE: Compared = { current: 0, previous: 0 };

/** How many of the longest-waiting leads the report lists by name. */
const WAITING_LISTED = 15;

/**
 * The figures of «Отчёт для оперативного совещания» for one department and period: SQL
 * aggregates only (one query per block), each beside the previous period of the same length.
 */
export async function loadCommitteeData(
  manager: EntityManager,
  departmentId: number,
  period: Period,
  generatedAt: Date,
  /** What to compare with: the period of the same length just before, unless given. */
  previous: Period = previousPeriod(period),
): Promise<CommitteeReportData> {
  const query = <T>(sql: string, extra: unknown[] = []) =>
    manager.query(`WITH ${PERIOD_BOUNDS} ${sql}`, [
      ...periodParameters(period, previous),
      departmentId,
      ...extra,
    ]) as Promise<T[]>;
  const [department] = (await manager.query('SELECT name FROM department WHERE id = $1', [departmentId])) as {
    name: string;
  }[];

  const byObjectType = await loadLeadsByObjectType(manager, departmentId, period, previous);
  const byStatus = await query<{ status: LeadStatus; count: number }>(
    `SELECT l.status::text AS status, count(*)::int AS count FROM bounds, lead l
     WHERE l.department_id = $4 AND ${inPeriod('l.submitted_at')} GROUP BY l.status`,
  );
  const [outcomes] = await loadLeadOutcomes(manager, [departmentId], period, previous);
  const durations = await query<{
    step: 'qualifying' | 'processed';
    period: 'current' | 'previous';
    median: number | null;
    max: number | null;
  }>(
    `SELECT c.to_status::text AS step,
            CASE WHEN ${inPeriod('c.changed_at')} THEN 'current' ELSE 'previous' END AS period,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.changed_at - l.submitted_at) / 3600) AS median,
            max(extract(epoch FROM c.changed_at - l.submitted_at) / 3600)::float8 AS max
     FROM bounds, lead_status_change c JOIN lead l ON l.id = c.lead_id
     WHERE l.department_id = $4 AND c.to_status IN ('qualifying', 'processed') AND ${inBoth('c.changed_at')}
     GROUP BY 1, 2`,
  );
  // The leads still waiting at the period's end: new now, or taken into work only after it (which
  // touched updated_at) — found through indexes first, then checked against their history.
  const waiting = (await manager.query(
    `WITH candidates AS MATERIALIZED (
       SELECT l.id, l.company, l.name, l.object_type_id, l.submitted_at FROM lead l
       WHERE l.department_id = $2 AND l.submitted_at < ${WAITING_END_AT}
         AND (l.status = 'new' OR l.updated_at >= ${WAITING_END_AT})),
     waiting AS (
       SELECT c.* FROM candidates c
       WHERE NOT EXISTS (SELECT 1 FROM lead_status_change s WHERE s.lead_id = c.id
                         AND s.to_status IN ('qualifying', 'processed') AND s.changed_at < ${WAITING_END_AT}))
     SELECT w.id, COALESCE(w.company, '—') AS company, COALESCE(w.name, '—') AS person,
            COALESCE(t.name, '—') AS "objectType", w.submitted_at AS "submittedAt",
            extract(epoch FROM least(${WAITING_END_AT}, $3::timestamptz) - w.submitted_at)::float8 / 3600 AS "waitingHours",
            (SELECT count(*) FROM waiting)::int AS total
     FROM waiting w LEFT JOIN object_type t ON t.id = w.object_type_id
     ORDER BY w.submitted_at, w.id LIMIT ${WAITING_LISTED}`,
    [period.end, departmentId, generatedAt],
  )) as (WaitingLead & { total: number })[];

  const [added] = await query<Compared>(
    `SELECT count(*) FILTER (WHERE c.added_on BETWEEN $2::date AND $3::date)::int AS current,
            count(*) FILTER (WHERE c.added_on BETWEEN ${PREVIOUS_FIRST_DAY} AND ${PREVIOUS_LAST_DAY})::int AS previous
     FROM client c WHERE c.department_id = $4
       AND (c.added_on BETWEEN $2::date AND $3::date OR c.added_on BETWEEN ${PREVIOUS_FIRST_DAY} AND ${PREVIOUS_LAST_DAY})`,
  );
  const deactivations = await query<Deactivation & { current: boolean }>(
    `SELECT cl.company_name AS client, c.changed_at AS at, COALESCE(c.remark, '—') AS reason,
            COALESCE(u.full_name, 'Система') AS "user", ${inPeriod('c.changed_at')} AS current
     FROM bounds, client_status_change c JOIN client cl ON cl.id = c.client_id
     LEFT JOIN app_user u ON u.id = c.user_id
     WHERE cl.department_id = $4 AND c.kind = 'deactivated' AND ${inBoth('c.changed_at')}
     ORDER BY c.changed_at`,
  );

  const deals = await loadDeals(manager, query, {
    previous,
    start: period.start,
    end: period.end,
    departmentId,
  });
  const managers = await query<{
    name: string;
    events: number;
    previousEvents: number;
    changes: number;
    previousChanges: number;
  }>(
    `, actions AS (
       SELECT e.user_id, e.created_at AS at, 'event' AS what FROM history_event e JOIN client cl ON cl.id = e.client_id, bounds
       WHERE cl.department_id = $4 AND e.user_id IS NOT NULL AND ${inBoth('e.created_at')}
       UNION ALL
       SELECT c.user_id, c.changed_at, 'change' FROM client_status_change c JOIN client cl ON cl.id = c.client_id, bounds
       WHERE cl.department_id = $4 AND c.user_id IS NOT NULL AND ${inBoth('c.changed_at')}
       UNION ALL
       SELECT c.user_id, c.changed_at, 'change' FROM lead_status_change c JOIN lead l ON l.id = c.lead_id, bounds
       WHERE l.department_id = $4 AND c.user_id IS NOT NULL AND ${inBoth('c.changed_at')})
     SELECT u.full_name AS name,
            count(*) FILTER (WHERE a.what = 'event' AND ${inPeriod('a.at')})::int AS events,
            count(*) FILTER (WHERE a.what = 'event' AND ${inPrevious('a.at')})::int AS "previousEvents",
            count(*) FILTER (WHERE a.what = 'change' AND ${inPeriod('a.at')})::int AS changes,
            count(*) FILTER (WHERE a.what = 'change' AND ${inPrevious('a.at')})::int AS "previousChanges"
     FROM bounds, actions a JOIN app_user u ON u.id = a.user_id
     GROUP BY u.id, u.full_name ORDER BY count(*) FILTER (WHERE ${inPeriod('a.at')}) DESC, u.full_name`,
  );

  const duration = (step: 'qualifying' | 'processed', which: 'current' | 'previous'): Durations => {
    const row = durations.find((candidate) => candidate.step === step && candidate.period === which);
    return { median: row?.median ?? null, max: row?.max ?? null };
  };
  const current = (rows: { current: boolean }[]) => rows.filter((row) => row.current).length;
  return {
    department: department?.name ?? `Департамент №${departmentId}`,
    period,
    previousPeriod: previous,
    generatedAt: generatedAt.toISOString(),
    leads: {
      received: sum(byObjectType),
      byObjectType,
      byStatus: leadStatuses
        .filter((status) => status !== 'draft')
        .map((status) => ({
          name: leadStatusLabels[status],
          count: byStatus.find((row) => row.status === status)?.count ?? 0,
        })),
      processed: outcomes?.processed ?? NONE,
      converted: outcomes?.converted ?? NONE,
      inactive: outcomes?.inactive ?? NONE,
      reaction: { current: duration('qualifying', 'current'), previous: duration('qualifying', 'previous') },
      processing: { current: duration('processed', 'current'), previous: duration('processed', 'previous') },
      waiting: {
        total: waiting[0]?.total ?? 0,
        oldest: waiting.map(({ total: _total, ...lead }) => ({
          ...lead,
          submittedAt: iso(lead.submittedAt),
        })),
      },
    },
    clients: {
      added,
      funnels: await loadFunnels(manager, { departmentId, previous, period }),
      deactivated: {
        current: current(deactivations),
        previous: deactivations.length - current(deactivations),
      },
      deactivations: deactivations
        .filter((row) => row.current)
        .map(({ current: _current, ...row }) => ({ ...row, at: iso(row.at) })),
    },
    deals,
    managers: managers.map((row): ManagerActivity => ({
      name: row.name,
      events: { current: row.events, previous: row.previousEvents },
      statusChanges: { current: row.changes, previous: row.previousChanges },
    })),
  };
}

function sum(rows: Compared[]): Compared {
  return rows.reduce(
    (total, row) => ({ current: total.current + row.current, previous: total.previous + row.previous }),
    {
      current: 0,
      previous: 0,
    },
  );
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

type PeriodQuery = <T>(sql: string, extra?: unknown[]) => Promise<T[]>;

/** How many signed deals the report lists with their summaries. */
const DEALS_LISTED = 50;

/** Deals signed in the period with lines of the department (see deal-data.ts for what counts). */
async function loadDeals(
  manager: EntityManager,
  query: PeriodQuery,
  scope: DealScope,
): Promise<CommitteeReportData['deals']> {
  const [all = NO_DEALS] = await loadDealTotals(manager, scope, 'all');
  const byKind = await loadDealTotals(manager, scope, 'kind');
  const lines = await query<
    SummaryLineInput & { dealId: number; dealKind: DealKind; client: string; signedAt: Date }
  >(
    `, listed AS (
       SELECT d.id FROM bounds, deal d
       WHERE d.status IN ('signed', 'closed') AND ${inPeriod('d.signed_at')}
         AND EXISTS (SELECT 1 FROM deal_line l WHERE l.deal_id = d.id AND l.department_id = $4)
       ORDER BY d.signed_at, d.id LIMIT ${DEALS_LISTED})
     SELECT d.id AS "dealId", d.kind::text AS "dealKind", cl.company_name AS client, d.signed_at AS "signedAt",
            l.kind::text AS kind, COALESCE(s.name, ${PREMISES_LABEL_SQL}) AS name,
            p.area_m2::text AS "areaM2", l.cost_per_year::text AS "costPerYear", l.term_years AS "termYears"
     FROM listed JOIN deal d ON d.id = listed.id JOIN client cl ON cl.id = d.client_id
     JOIN deal_line l ON l.deal_id = d.id AND l.department_id = $4
     LEFT JOIN premises p ON p.id = l.premises_id LEFT JOIN service_type s ON s.id = l.service_type_id
     ORDER BY d.signed_at, d.id, l.position`,
  );
  const list = new Map<
    number,
    { client: string; kind: string; signedAt: string; lines: SummaryLineInput[] }
  >();
  for (const line of lines) {
    const deal = list.get(line.dealId) ?? {
      client: line.client,
      kind: dealKindLabels[line.dealKind],
      signedAt: iso(line.signedAt),
      lines: [],
    };
    deal.lines.push(line);
    list.set(line.dealId, deal);
  }
  return {
    signed: all.count,
    total: all.total,
    byKind: byKind.map((row) => ({ ...row, name: dealKindLabels[row.name as DealKind] ?? row.name })),
    byService: await loadDealTotals(manager, scope, 'service'),
    list: [...list].map(([id, deal]) => {
      const summary = buildDealSummary(deal.lines);
      return {
        id,
        client: deal.client,
        kind: deal.kind,
        signedAt: deal.signedAt,
        lines: summary.lines,
        total: summary.total,
      };
    }),
  };
}
