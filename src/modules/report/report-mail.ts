import { formatPeriod } from './documents/report-format.js';
import type { NotificationInput } from '../notification/notification.service.js';
import { reportKindLabels } from './entities/report.entity.js';
import type { ReportKey } from './report-key.js';

/** How a report is named to people: its department («все департаменты» for the annual one) and period. */
export interface ReportLabels {
  department: string;
  period: string;
}

/** The labels of a report, given its department's name (read by the caller; undefined when none). */
export function reportLabels(key: ReportKey, departmentName: string | undefined): ReportLabels {
  const period = key.kind === 'annual' ? `${key.period.start.slice(0, 4)} год` : formatPeriod(key.period);
  if (key.departmentId === null) return { department: 'все департаменты', period };
  return { department: departmentName ?? `департамент №${key.departmentId}`, period };
}

/** The PDF's file name, in Russian, without characters file systems refuse. */
export function reportFileName(key: ReportKey, labels: ReportLabels): string {
  const title = key.kind === 'committee' ? 'Отчёт для оперативного совещания' : 'Годовая статистика';
  const department = key.kind === 'committee' ? `, ${labels.department}` : '';
  return `${title}${department}, ${labels.period}.pdf`.replace(/[\\/:*?"<>|]/g, ' ').replace(/\s+/g, ' ');
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
