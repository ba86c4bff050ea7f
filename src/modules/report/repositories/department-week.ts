import type { EntityManager } from 'typeorm';

import type { NamedCount, NamedMoney, Period } from '../documents/report-data.js';
import { loadWeekFigures, type WeekFigures } from './committee-home-data.js';
import { departmentName } from './report-departments.js';
import { loadDealTotals } from './deal-data.js';
import { loadStandingFunnels, type StandingFunnel } from './funnel-data.js';
import { loadLeadsByObjectType } from './lead-figures.js';

/**
 * A department's week so far, as a manager's home page shows it: the key figures of the committee
 * home and three of the committee report's charts. Only these blocks are read — the whole report
 * (durations, managers' activity, deactivations, the waiting list) takes seconds on a department
 * with hundreds of thousands of leads, and the home page is every manager's first screen.
 */
export interface DepartmentWeek {
  department: string;
  period: Period;
  previousPeriod: Period;
  figures: WeekFigures;
  leadsByObjectType: NamedCount[];
  /** Where the department's clients stand at the period's end. */
  funnels: StandingFunnel[];
  dealsByService: NamedMoney[];
}

export async function loadDepartmentWeek(
  manager: EntityManager,
  departmentId: number,
  period: Period,
  previous: Period,
): Promise<DepartmentWeek> {
  const name = await departmentName(manager, departmentId);
  const [figures] = await loadWeekFigures(manager, [departmentId], period, previous);
  return {
    department: name ?? `Департамент №${departmentId}`,
    period,
    previousPeriod: previous,
    figures,
    leadsByObjectType: await loadLeadsByObjectType(manager, departmentId, period, previous),
    funnels: await loadStandingFunnels(manager, departmentId, period.end),
    dealsByService: await loadDealTotals(
      manager,
      { departmentId, previous, start: period.start, end: period.end },
      'service',
    ),
  };
}
