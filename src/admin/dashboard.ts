import type { SessionUser } from '../modules/auth/auth.service.js';
import type { ArchivedReport } from '../modules/report/repositories/committee-home-data.js';
import type { CommitteeHome } from '../modules/report/committee-home.service.js';
import { reportDownloadUrl } from './resources/report.resource.js';
import type { DepartmentWeek } from '../modules/report/repositories/department-week.js';
import type { WorkspaceCounters } from '../modules/counters/counters.service.js';
import type { AdminDependencies } from './admin-dependencies.js';
import { formatCount } from '../common/ru-format.js';

/** Something an administrator should fix, with where to fix it. */
export interface DashboardWarning {
  text: string;
  link: { href: string; label: string };
}

export interface DashboardData {
  userName: string;
  role: SessionUser['role'];
  /** What needs an administrator's attention: departments without addresses, mail that cannot go. */
  warnings: DashboardWarning[];
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
    reports,
    workspace,
    committeeHome,
    notifications,
  }: Pick<AdminDependencies, 'reports' | 'workspace' | 'committeeHome' | 'notifications'>,
  user: SessionUser | undefined,
  rootPath: string,
): Promise<DashboardData> {
  const warnings = user?.role === 'admin' ? await adminWarnings(workspace, notifications, rootPath) : [];
  const week =
    user?.role === 'manager' && user.departmentId !== null
      ? await reports.currentWeek(user.departmentId)
      : null;
  const counters = user ? await workspace.counters(user, new Date()) : null;
  const committee = user?.role === 'committee' ? linked(await committeeHome.load(user), rootPath) : null;
  return { userName: user?.title ?? '', role: user?.role ?? 'manager', warnings, week, counters, committee };
}

/**
 * What keeps mail from going: each department's missing addresses (with its edit page), mail
 * waiting for addresses and mail the server refuses (with the outbox). Empty when all is well.
 */
async function adminWarnings(
  workspace: AdminDependencies['workspace'],
  notifications: AdminDependencies['notifications'],
  rootPath: string,
): Promise<DashboardWarning[]> {
  const warnings: DashboardWarning[] = [];
  const { waiting, failing } = await notifications.outstanding();
  const outbox = {
    href: `${rootPath}/resources/Notification?filters.state=pending`,
    label: 'Открыть уведомления',
  };
  if (waiting > 0) {
    warnings.push({
      text: `Писем ждут получателей: ${formatCount(waiting)}. Они уйдут сами в течение минуты после того, как адреса департаментов будут указаны.`,
      link: outbox,
    });
  }
  if (failing > 0) {
    warnings.push({
      text: `Писем не удаётся отправить: ${formatCount(failing)}. Почтовый сервер их не принял, попытки продолжаются.`,
      link: outbox,
    });
  }
  for (const department of await workspace.departmentAddresses()) {
    const missing = [
      department.managers === 0 && 'эл. почта менеджеров (уведомления о лидах)',
      !department.headEmail && 'эл. почта руководителя',
      department.committee === 0 && 'получатели отчётов комитета',
    ].filter((gap): gap is string => typeof gap === 'string');
    if (missing.length === 0) continue;
    warnings.push({
      text: `У департамента «${department.name}» не указаны: ${missing.join(', ')}.`,
      link: {
        href: `${rootPath}/resources/Department/records/${department.id}/edit`,
        label: 'Указать адреса',
      },
    });
  }
  return warnings;
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
