import { DomainError } from '../../common/domain-error.js';
import { moscowToday } from '../../common/moscow-date.js';
import type { UserRole } from '../user/entities/user.entity.js';
import type { ReportKind } from './entities/report.entity.js';

/**
 * What may happen to a report and who may do it — one table read by ReportService, the request
 * parser, the committee home and the AdminJS «Отчёты» resource alike.
 *
 * A report is made once per kind, department and period; its PDF is built, and rebuilt while its
 * period was still running when it was built; a scheduled one is then mailed to the committee
 * (its mail waits in the outbox, then is sent). Nobody edits or deletes an archived report.
 */

/** Where a report is: no PDF yet, or built (and perhaps out of date: see needsBuild). */
export const reportBuildStates = ['pending', 'built'] as const;
export type ReportBuildState = (typeof reportBuildStates)[number];

/** «Рассылка комитету»: not mailed (made on request), its mail waiting in the outbox, or sent. */
export const reportDeliveryStates = ['none', 'pending', 'sent'] as const;
export type ReportDelivery = (typeof reportDeliveryStates)[number];

export const reportDeliveryLabels: Record<ReportDelivery, string> = {
  none: 'Не рассылается (по запросу)',
  pending: 'Ожидает отправки',
  sent: 'Отправлен',
};

/** Which reports a role reads: every one, or the committee reports of their own department. */
type ReadScope = 'all' | 'own_department_committee' | 'none';

interface RoleRules {
  read: ReadScope;
  /** The kinds the role orders with «Сформировать отчёт». */
  order: readonly ReportKind[];
  /** Whether the role orders the reports of its own department only. */
  ownDepartmentOnly: boolean;
}

/**
 * Who reads and who orders which report: administrators — everything; managers — their own
 * department's committee reports; committee members read the whole archive but order nothing
 * (the schedule mails them their reports).
 */
export const reportRoleRules: Record<UserRole, RoleRules> = {
  admin: { read: 'all', order: ['committee', 'annual'], ownDepartmentOnly: false },
  manager: { read: 'own_department_committee', order: ['committee'], ownDepartmentOnly: true },
  committee: { read: 'all', order: [], ownDepartmentOnly: false },
};

/** The periods a report ordered on request may cover. */
export const reportPeriodRules = {
  /** The longest period a committee report covers on request (a year has the annual statistics). */
  committeeMaxDays: 366,
  /** The first year the annual statistics may be ordered for. */
  firstYear: 2000,
} as const;

/** How long after a build a report of a running period may be rebuilt. */
export const REBUILD_AFTER_MS = 60_000;

type Reader = { role: UserRole; departmentId: number | null };
type ReportScope = { kind: ReportKind; departmentId: number | null };

const rulesOf = (role: UserRole | undefined): RoleRules | undefined =>
  role === undefined ? undefined : reportRoleRules[role];

/** The roles that open «Отчёты» and download a PDF. */
export const reportReaderRoles = (Object.keys(reportRoleRules) as UserRole[]).filter(
  (role) => reportRoleRules[role].read !== 'none',
);

/** The roles that see «Сформировать отчёт». */
export const reportOrderRoles = (Object.keys(reportRoleRules) as UserRole[]).filter(
  (role) => reportRoleRules[role].order.length > 0,
);

/** Whether this person reads this report. */
export function canReadReport(user: Reader, report: ReportScope): boolean {
  switch (rulesOf(user.role)?.read) {
    case 'all':
      return true;
    case 'own_department_committee':
      return report.kind === 'committee' && report.departmentId === user.departmentId;
    case 'none':
    case undefined:
      return false;
  }
}

/** Whether a role's archive list is narrowed to their department's committee reports. */
export const readsOwnDepartmentOnly = (role: UserRole | undefined): boolean =>
  rulesOf(role)?.read === 'own_department_committee';

/** The kinds this person may order, in the form's order. */
export const orderableKinds = (role: UserRole | undefined): readonly ReportKind[] =>
  rulesOf(role)?.order ?? [];

/** Refuses a person who may not order reports at all (committee members). */
export function assertMayOrderReports(actor: Reader): void {
  if (orderableKinds(actor.role).length > 0) return;
  throw new DomainError('report.order_forbidden', 'Формировать отчёты могут администраторы и менеджеры', {
    status: 403,
  });
}

/** Refuses an order of a kind or a department this person may not order. */
export function assertMayOrder(actor: Reader, report: ReportScope): void {
  assertMayOrderReports(actor);
  if (!orderableKinds(actor.role).includes(report.kind)) {
    throw new DomainError(
      'report.annual_admin_only',
      'Годовую статистику формирует администратор; она приходит комитету по расписанию',
      { status: 403 },
    );
  }
  if (rulesOf(actor.role)?.ownDepartmentOnly && report.departmentId !== actor.departmentId) {
    throw new DomainError('report.other_department', 'Менеджер формирует отчёты только своего департамента', {
      status: 403,
      fields: { departmentId: 'Выберите свой департамент' },
    });
  }
}

/** Whether a report has its PDF yet. */
export const buildStateOf = (report: { hasFile: boolean; generatedAt: Date | null }): ReportBuildState =>
  report.hasFile && report.generatedAt ? 'built' : 'pending';

/**
 * Whether a report is (re)built now: when it has no PDF yet, or when its PDF was built before its
 * period ended (the figures could still change) and more than REBUILD_AFTER_MS ago.
 */
export function needsBuild(
  report: { hasFile: boolean; generatedAt: Date | null; periodEnd: string },
  now: Date,
): boolean {
  if (buildStateOf(report) === 'pending' || !report.generatedAt) return true;
  const builtBeforeTheEnd = moscowToday(report.generatedAt) <= report.periodEnd;
  return builtBeforeTheEnd && now.getTime() - report.generatedAt.getTime() > REBUILD_AFTER_MS;
}
