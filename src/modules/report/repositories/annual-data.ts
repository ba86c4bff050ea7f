import type { EntityManager } from 'typeorm';

import type {
  AnnualReportData,
  AnnualSection,
  Compared,
  NamedCount,
  OccupancyRow,
  TurnoverRow,
} from '../documents/report-data.js';
import { turnoverUnitLabels, type TurnoverUnit } from '../../client/entities/client.entity.js';
import { loadDealTotals, NO_DEALS, stageDealLines, type DealScope } from './deal-data.js';
import { loadYearEndStatuses } from './funnel-data.js';

const NOT_SET = 'Не указан';

/**
 * The figures of «Годовая статистика по работе с компаниями»: the whole park and each department,
 * every figure beside the previous year's. SQL aggregates only.
 */
export async function loadAnnualData(
  manager: EntityManager,
  year: number,
  generatedAt: Date,
): Promise<AnnualReportData> {
  // In a transaction of its own (or a savepoint of the caller's): the staged deal lines live in it.
  return manager.transaction(async (transaction) => {
    const departments = (await transaction.query(
      'SELECT id, name FROM department ORDER BY position, name',
    )) as {
      id: number;
      name: string;
    }[];
    await stageDealLines(transaction, {
      previous: { start: `${year - 1}-01-01`, end: `${year - 1}-12-31` },
      start: `${year}-01-01`,
      end: `${year}-12-31`,
    });
    const leadYears = await loadLeadYears(transaction, year);
    const sections: AnnualSection[] = [];
    for (const department of departments)
      sections.push(await loadSection(transaction, year, department.id, department.name, leadYears));
    return {
      year,
      generatedAt: generatedAt.toISOString(),
      overall: await loadSection(transaction, year, null, 'Все департаменты', leadYears),
      departments: sections,
    };
  });
}

interface LeadYear {
  departmentId: number;
  year: number;
  leads: number;
  converted: number;
}

/** Leads received in the year and the one before, and how many became clients, per department (one pass). */
async function loadLeadYears(manager: EntityManager, year: number): Promise<LeadYear[]> {
  return (await manager.query(
    `SELECT l.department_id AS "departmentId",
            extract(year FROM l.submitted_at AT TIME ZONE 'Europe/Moscow')::int AS year,
            count(*)::int AS leads, count(*) FILTER (WHERE l.outcome = 'convert')::int AS converted
     FROM lead l
     WHERE l.submitted_at >= make_date($1 - 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Moscow'
       AND l.submitted_at < make_date($1 + 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Moscow'
     GROUP BY 1, 2`,
    [year],
  )) as LeadYear[];
}

async function loadSection(
  manager: EntityManager,
  year: number,
  departmentId: number | null,
  title: string,
  leadYears: LeadYear[],
): Promise<AnnualSection> {
  const scope: DealScope = {
    previous: { start: `${year - 1}-01-01`, end: `${year - 1}-12-31` },
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    departmentId,
  };
  const params = [year, departmentId];
  const query = <T>(sql: string) => manager.query(sql, params) as Promise<T[]>;
  const clientFilter = `($2::int IS NULL OR c.department_id = $2)`;
  const bothYears = (dateColumn: string) =>
    `count(*) FILTER (WHERE extract(year FROM ${dateColumn}) = $1)::int AS current,
     count(*) FILTER (WHERE extract(year FROM ${dateColumn}) = $1 - 1)::int AS previous`;
  const atYearEnds = `count(*) FILTER (WHERE c.added_on <= make_date($1, 12, 31))::int AS current,
     count(*) FILTER (WHERE c.added_on <= make_date($1 - 1, 12, 31))::int AS previous`;

  const clientMonths = await query<{ month: number } & Compared>(
    `SELECT extract(month FROM c.added_on)::int AS month, ${bothYears('c.added_on')}
     FROM client c WHERE ${clientFilter} AND extract(year FROM c.added_on) IN ($1, $1 - 1) GROUP BY 1`,
  );
  const dealMonths = await loadDealTotals(manager, scope, 'month', { staged: true });
  const dealsAll = (await loadDealTotals(manager, scope, 'all', { staged: true }))[0] ?? NO_DEALS;
  const clientsBy = (dictionary: string, column: string) =>
    query<NamedCount>(
      `SELECT COALESCE(d.name, '${NOT_SET}') AS name, ${atYearEnds}
       FROM client c LEFT JOIN ${dictionary} d ON d.id = c.${column}
       WHERE ${clientFilter} AND c.added_on <= make_date($1, 12, 31)
       GROUP BY d.id, d.name ORDER BY 2 DESC, 1`,
    );
  const [changes] = await query<
    Record<'deactivated' | 'previousDeactivated' | 'reactivated' | 'previousReactivated', number>
  >(
    `SELECT count(*) FILTER (WHERE s.kind = 'deactivated' AND s.year = $1)::int AS deactivated,
            count(*) FILTER (WHERE s.kind = 'deactivated' AND s.year = $1 - 1)::int AS "previousDeactivated",
            count(*) FILTER (WHERE s.kind = 'activated' AND s.year = $1)::int AS reactivated,
            count(*) FILTER (WHERE s.kind = 'activated' AND s.year = $1 - 1)::int AS "previousReactivated"
     FROM (SELECT x.kind, extract(year FROM x.changed_at AT TIME ZONE 'Europe/Moscow') AS year
           FROM client_status_change x JOIN client c ON c.id = x.client_id
           WHERE ${clientFilter} AND x.kind IN ('deactivated', 'activated')
             AND x.changed_at >= make_date($1 - 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Moscow'
             AND x.changed_at < make_date($1 + 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Moscow') s`,
  );
  const sum = (which: number, field: 'leads' | 'converted') =>
    leadYears
      .filter((row) => row.year === which && (departmentId === null || row.departmentId === departmentId))
      .reduce((total, row) => total + row[field], 0);
  const leads = {
    leads: sum(year, 'leads'),
    previousLeads: sum(year - 1, 'leads'),
    converted: sum(year, 'converted'),
    previousConverted: sum(year - 1, 'converted'),
  };
  const occupancy = await query<OccupancyRow & { occupiedNow: number; occupiedBefore: number }>(
    `SELECT t.name AS "objectType", count(p.id)::int AS premises,
            count(p.id) FILTER (WHERE busy.now)::int AS "occupiedNow",
            count(p.id) FILTER (WHERE busy.before)::int AS "occupiedBefore",
            COALESCE(sum(p.area_m2), 0)::text AS "areaM2",
            COALESCE(sum(p.area_m2) FILTER (WHERE busy.now), 0)::text AS "occupiedAreaM2"
     FROM object_type t JOIN premises p ON p.object_type_id = t.id AND p.active
     CROSS JOIN LATERAL (SELECT
         EXISTS (SELECT 1 FROM deal_line l WHERE l.premises_id = p.id AND l.occupancy @> make_date($1, 12, 31)) AS now,
         EXISTS (SELECT 1 FROM deal_line l WHERE l.premises_id = p.id AND l.occupancy @> make_date($1 - 1, 12, 31)) AS before) busy
     WHERE ($2::int IS NULL OR t.department_id = $2)
     GROUP BY t.id, t.name, t.position ORDER BY t.position, t.name`,
  );
  const turnover = await query<{
    sector: string;
    unit: TurnoverUnit;
    current: number;
    previous: number;
    total: string;
    previousTotal: string;
  }>(
    `SELECT COALESCE(s.name, '${NOT_SET}') AS sector, c.turnover_unit::text AS unit,
            count(*) FILTER (WHERE c.turnover_year = $1)::int AS current,
            count(*) FILTER (WHERE c.turnover_year = $1 - 1)::int AS previous,
            COALESCE(sum(c.turnover_value) FILTER (WHERE c.turnover_year = $1), 0)::text AS total,
            COALESCE(sum(c.turnover_value) FILTER (WHERE c.turnover_year = $1 - 1), 0)::text AS "previousTotal"
     FROM client c LEFT JOIN client_sector s ON s.id = c.sector_id
     WHERE ${clientFilter} AND c.turnover_enabled AND c.turnover_year IN ($1, $1 - 1)
     GROUP BY s.id, s.name, s.position, c.turnover_unit ORDER BY s.position NULLS LAST, 1, 2`,
  );

  const months = Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const clients = clientMonths.find((row) => row.month === month) ?? { current: 0, previous: 0 };
    const deals = dealMonths.find((row) => Number(row.name) === month) ?? NO_DEALS;
    return {
      month,
      clients: { current: clients.current, previous: clients.previous },
      deals: deals.count,
      value: deals.total,
    };
  });
  return {
    title,
    months,
    clientsAdded: months.reduce(
      (total, month) => ({
        current: total.current + month.clients.current,
        previous: total.previous + month.clients.previous,
      }),
      { current: 0, previous: 0 },
    ),
    clientsBySector: await clientsBy('client_sector', 'sector_id'),
    clientsByCompanyProfile: await clientsBy('company_profile', 'company_profile_id'),
    clientsByProductCategory: await clientsBy('product_category', 'product_category_id'),
    clientsByStatus: await loadYearEndStatuses(manager, departmentId, year),
    deactivated: { current: changes.deactivated, previous: changes.previousDeactivated },
    reactivated: { current: changes.reactivated, previous: changes.previousReactivated },
    leads: { current: leads.leads, previous: leads.previousLeads },
    convertedLeads: { current: leads.converted, previous: leads.previousConverted },
    deals: dealsAll.count,
    dealsValue: dealsAll.total,
    dealsByDepartment:
      departmentId === null ? await loadDealTotals(manager, scope, 'department', { staged: true }) : [],
    dealsByService: await loadDealTotals(manager, scope, 'service', { staged: true }),
    largestClients: (await loadDealTotals(manager, scope, 'client', { limit: 10, staged: true })).map(
      (row) => ({
        name: row.name,
        total: row.total,
      }),
    ),
    occupancy: occupancy.map(({ occupiedNow, occupiedBefore, ...row }) => ({
      ...row,
      occupied: { current: occupiedNow, previous: occupiedBefore },
    })),
    turnover: turnover.map((row): TurnoverRow => ({
      sector: row.sector,
      unit: turnoverUnitLabels[row.unit] ?? row.unit,
      clients: { current: row.current, previous: row.previous },
      total: { current: row.total, previous: row.previousTotal },
    })),
  };
}
