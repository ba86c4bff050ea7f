import type { SessionUser } from '../modules/auth/auth.service.js';
import type { ArchivedReport } from '../modules/report/committee-home.js';
import type { CommitteeHome } from '../modules/report/committee-home.service.js';
import { reportDownloadUrl } from './resources/report.resource.js';
import type { DepartmentWeek } from '../modules/report/department-week.js';
import type { WorkspaceCounters } from '../modules/workspace/workspace.service.js';
import type { AdminDependencies } from './admin-options.js';

export interface DashboardData {
  userName: string;
  role: SessionUser['role'];
  /** What needs an administrator's attention: dictionary gaps that break notifications. */
  warnings: string[];
  /** A manager's department this week so far: the key figures and charts. */
  week: DepartmentWeek | null;
  /** Overdue leads, stuck clients, events planned for today — each with its list's link. */
  counters: WorkspaceCounters | null;
  /** A committee member's departments: the latest reports (with their PDF's address) and the week's key figures. */
  committee: CommitteeHomeData | null;
}

type Linked<T> = T & { downloadUrl: string };

export type CommitteeHomeData = Omit<CommitteeHome, 'departments' | 'annual'> & {
  departments: (Omit<CommitteeHome['departments'][number], 'report'> & {
    report: Linked<ArchivedReport> | null;
  })[];
  annual: Linked<ArchivedReport> | null;
};

/** The first screen after login: who you are, what needs attention, and how the week goes. */
export async function loadDashboard(
  {
    dataSource,
    reports,
    workspace,
    committeeHome,
  }: Pick<AdminDependencies, 'dataSource' | 'reports' | 'workspace' | 'committeeHome'>,
  user: SessionUser | undefined,
  rootPath: string,
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
  const committee = user?.role === 'committee' ? linked(await committeeHome.load(user), rootPath) : null;
  return { userName: user?.title ?? '', role: user?.role ?? 'manager', warnings, week, counters, committee };
}

/** The committee home with each report's «Скачать PDF» address. */
function linked(home: CommitteeHome, rootPath: string): CommitteeHomeData {
  const link = (report: ArchivedReport | null) =>
    report && { ...report, downloadUrl: reportDownloadUrl(rootPath, report.id) };
  return {
    ...home,
    departments: home.departments.map((department) => ({ ...department, report: link(department.report) })),
    annual: link(home.annual),
  };
}
