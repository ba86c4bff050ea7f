import type { SessionUser } from '../modules/auth/auth.service.js';
import type { CommitteeReportData } from '../reports/report-data.js';
import type { WorkspaceCounters } from '../modules/workspace/workspace.service.js';
import type { AdminDependencies } from './admin-options.js';

export interface DashboardData {
  userName: string;
  role: SessionUser['role'];
  /** What needs an administrator's attention: dictionary gaps that break notifications. */
  warnings: string[];
  /** A manager's department this week so far: the committee report's figures and charts. */
  week: CommitteeReportData | null;
  /** Overdue leads, stuck clients, events planned for today — each with its list's link. */
  counters: WorkspaceCounters | null;
}

/** The first screen after login: who you are, what needs attention, and how the week goes. */
export async function loadDashboard(
  { dataSource, reports, workspace }: Pick<AdminDependencies, 'dataSource' | 'reports' | 'workspace'>,
  user: SessionUser | undefined,
): Promise<DashboardData> {
  const warnings: string[] = [];
  if (user?.role === 'admin') {
    const departments = (await dataSource.query(
      `SELECT name, cardinality(manager_emails) AS managers, cardinality(committee_emails) AS committee, head_email
       FROM department ORDER BY position, name`,
    )) as { name: string; managers: number; committee: number; head_email: string | null }[];
    for (const department of departments) {
      if (Number(department.managers) === 0) {
        warnings.push(
          `У департамента «${department.name}» не указана эл. почта менеджеров — уведомления о лидах некому отправить.`,
        );
      }
      if (!department.head_email)
        warnings.push(`У департамента «${department.name}» не указана эл. почта руководителя.`);
      if (Number(department.committee) === 0)
        warnings.push(`У департамента «${department.name}» не указаны получатели отчётов комитета.`);
    }
  }
  const week =
    user?.role === 'manager' && user.departmentId !== null
      ? await reports.currentWeek(user.departmentId)
      : null;
  const counters = user ? await workspace.counters(user, new Date()) : null;
  return { userName: user?.title ?? '', role: user?.role ?? 'manager', warnings, week, counters };
}
