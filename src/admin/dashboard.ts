import type { DataSource } from 'typeorm';

import type { SessionUser } from '../modules/auth/auth.service.js';

export interface DashboardData {
  userName: string;
  role: SessionUser['role'];
  /** What needs an administrator's attention: dictionary gaps that break notifications. */
  warnings: string[];
}

/** The first screen after login: who you are and what needs attention. */
export async function loadDashboard(
  dataSource: DataSource,
  user: SessionUser | undefined,
): Promise<DashboardData> {
  const warnings: string[] = [];
  if (user?.role === 'admin') {
    const departments = (await dataSource.query(
      `SELECT name, cardinality(manager_emails) AS managers, head_email FROM department ORDER BY position, name`,
    )) as { name: string; managers: number; head_email: string | null }[];
    for (const department of departments) {
      if (Number(department.managers) === 0) {
        warnings.push(
          `У департамента «${department.name}» не указана эл. почта менеджеров — уведомления о лидах некому отправить.`,
        );
      }
      if (!department.head_email)
        warnings.push(`У департамента «${department.name}» не указана эл. почта руководителя.`);
    }
  }
  return { userName: user?.title ?? '', role: user?.role ?? 'manager', warnings };
}
