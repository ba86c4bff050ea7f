import type { EntityManager } from 'typeorm';

import type { Compared, NamedCount, Period } from '../documents/report-data.js';
import { PERIOD_BOUNDS, countBoth, inBoth, inPeriod, inPrevious, periodParameters } from './period-sql.js';

/**
 * The lead figures the committee report, the committee home and a manager's home page share,
 * each read from an index of the lead table alone (see the DashboardIndexes migration).
 */

export interface LeadOutcomes {
  departmentId: number;
  processed: Compared;
  converted: Compared;
  inactive: Compared;
}

/**
 * The leads processed in the period and the previous one, by outcome. A lead is processed when it
 * enters «Обработан», its last status: `status_since` is that moment (the lead_deadline trigger
 * sets it in the transaction that writes the status change to the history), so the figure is read
 * from the processed leads themselves rather than by joining the status history to the leads.
 */
export async function loadLeadOutcomes(
  manager: EntityManager,
  departmentIds: number[],
  period: Period,
  previous: Period,
): Promise<LeadOutcomes[]> {
  const both = (filter: string) =>
    `json_build_object('current', count(*) FILTER (WHERE ${inPeriod('l.status_since')}${filter}),
                       'previous', count(*) FILTER (WHERE ${inPrevious('l.status_since')}${filter}))`;
  return (await manager.query(
    `SELECT l.department_id AS "departmentId", ${both('')} AS processed,
            ${both(` AND l.outcome = 'convert'`)} AS converted, ${both(` AND l.outcome = 'inactive'`)} AS inactive
     FROM lead l
     WHERE l.status = 'processed' AND l.department_id = ANY($4::int[]) AND ${inBoth('l.status_since')}
     GROUP BY 1`,
    [...periodParameters(period, previous), departmentIds],
  )) as LeadOutcomes[];
}

/** The leads a department received in the period and the previous one, by object type, most first. */
export function loadLeadsByObjectType(
  manager: EntityManager,
  departmentId: number,
  period: Period,
  previous: Period,
): Promise<NamedCount[]> {
  return manager.query(
    `WITH ${PERIOD_BOUNDS}, received AS (
       SELECT l.object_type_id, ${countBoth('l.submitted_at')}
       FROM lead l WHERE l.department_id = $4 AND ${inBoth('l.submitted_at')} GROUP BY 1)
     SELECT t.name, r.current, r.previous
     FROM received r JOIN object_type t ON t.id = r.object_type_id
     ORDER BY r.current DESC, t.position, t.name`,
    [...periodParameters(period, previous), departmentId],
  ) as Promise<NamedCount[]>;
}
