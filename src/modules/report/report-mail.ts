import type { EntityManager } from 'typeorm';

import { formatPeriod } from './documents/report-format.js';
import type { NotificationInput } from '../notification/notification.service.js';
import { reportKindLabels } from './entities/report.entity.js';
import type { ReportKey } from './report-key.js';

/** How a report is named to people: its department («все департаменты» for the annual one) and period. */
export interface ReportLabels {
  department: string;
  period: string;
}

export async function reportLabels(manager: EntityManager, key: ReportKey): Promise<ReportLabels> {
  const period = key.kind === 'annual' ? `${key.period.start.slice(0, 4)} год` : formatPeriod(key.period);
  if (key.departmentId === null) return { department: 'все департаменты', period };
  const [row] = (await manager.query('SELECT name FROM department WHERE id = $1', [key.departmentId])) as {
    name: string;
  }[];
  return { department: row?.name ?? `департамент №${key.departmentId}`, period };
}

/** The PDF's file name, in Russian, without characters file systems refuse. */
export function reportFileName(key: ReportKey, labels: ReportLabels): string {
  const title = key.kind === 'committee' ? 'Отчёт для оперативного совещания' : 'Годовая статистика';
  const department = key.kind === 'committee' ? `, ${labels.department}` : '';
  return `${title}${department}, ${labels.period}.pdf`.replace(/[\\/:*?"<>|]/g, ' ').replace(/\s+/g, ' ');
}

/** The committee's addresses: the department's, or every committee's for the annual statistics. */
export async function committeeEmails(
  manager: EntityManager,
  departmentId: number | null,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT DISTINCT unnest(committee_emails) AS email FROM department
     WHERE $1::int IS NULL OR id = $1 ORDER BY 1`,
    [departmentId],
  )) as { email: string }[];
  return rows.map((row) => row.email);
}

/** The committee's mail about a report (the outbox attaches the PDF when it sends it). */
export function reportMail(
  key: ReportKey,
  labels: ReportLabels,
  reportId: number,
  to: string[],
  publicUrl: string,
): NotificationInput {
  return {
    kind: 'report',
    reportId,
    to,
    cc: [],
    subject: `${reportKindLabels[key.kind]}: ${labels.department}, ${labels.period}`,
    body: [
      'Здравствуйте!',
      '',
      `Во вложении — ${reportKindLabels[key.kind].toLowerCase()} (${labels.department}, ${labels.period}).`,
      `Отчёт хранится в CRM, раздел «Отчёты»: ${publicUrl}/admin/resources/Report/records/${reportId}/show`,
      '',
      'Kosino CRM',
    ].join('\n'),
  };
}
