import { leadStatusLabels, type LeadStatus } from '../lead/lead-transitions.js';
import type { NotificationInput } from '../notification/notification.service.js';
import { formatDate, formatDateTime } from '../../common/ru-format.js';

/** An overdue lead as the mails list it. */
export interface OverdueLead {
  id: number;
  company: string | null;
  name: string | null;
  status: LeadStatus;
  responsible: string | null;
  since: Date;
  dueAt: Date;
  /** This stay in the status (lead, status, since when): one overdue mail per stay. */
  episodeKey: string;
}

/** A client past its stage's limit as the mails list it. */
export interface StuckClient {
  id: number;
  company: string;
  stage: string;
  responsible: string | null;
  since: Date;
  dueAt: Date;
  /** This stay at the stage (client, stage, since when): one overdue mail per stay. */
  episodeKey: string;
}

const leadTitle = (lead: Pick<OverdueLead, 'id' | 'company' | 'name'>) =>
  `№${lead.id} ${lead.company?.trim() || lead.name?.trim() || 'без названия'}`;

export const leadLink = (publicUrl: string, id: number) =>
  `${publicUrl}/admin/resources/Lead/records/${id}/show`;
export const clientLink = (publicUrl: string, id: number) =>
  `${publicUrl}/admin/resources/Client/records/${id}/show`;

function leadLine(lead: OverdueLead, publicUrl: string): string {
  return [
    `• Лид ${leadTitle(lead)} — «${leadStatusLabels[lead.status]}»`,
    `  ответственный: ${lead.responsible ?? 'не назначен'}; в статусе с ${formatDateTime(lead.since)}; срок ${formatDateTime(lead.dueAt)}`,
    `  ${leadLink(publicUrl, lead.id)}`,
  ].join('\n');
}

function clientLine(client: StuckClient, publicUrl: string): string {
  return [
    `• Клиент «${client.company}» — этап «${client.stage}»`,
    `  ответственный: ${client.responsible ?? 'не назначен'}; на этапе с ${formatDateTime(client.since)}; срок ${formatDateTime(client.dueAt)}`,
    `  ${clientLink(publicUrl, client.id)}`,
  ].join('\n');
}

/** The department head's daily list of what is overdue in the department. */
export function digestMail(input: {
  department: { id: number; name: string; headEmail: string | null };
  day: string;
  leads: OverdueLead[];
  clients: StuckClient[];
  totals: { leads: number; clients: number };
  publicUrl: string;
}): NotificationInput & { dedupeKey: string } {
  const { department, day, leads, clients, totals, publicUrl } = input;
  const more = (shown: number, total: number) => (total > shown ? [`…и ещё ${total - shown}`] : []);
  return {
    kind: 'overdue_digest',
    dedupeKey: `digest:${department.id}:${day}`,
    to: department.headEmail ? [department.headEmail] : [],
    cc: [],
    subject: `Просрочки на ${formatDate(day)}: ${department.name} — лидов ${totals.leads}, клиентов ${totals.clients}`,
    body: [
      'Здравствуйте!',
      '',
      `Сводка просроченного в департаменте «${department.name}» на ${formatDate(day)}.`,
      '',
      `Лиды, не обработанные в срок (${totals.leads}):`,
      ...(leads.length > 0 ? leads.map((lead) => leadLine(lead, publicUrl)) : ['нет']),
      ...more(leads.length, totals.leads),
      '',
      `Клиенты, задержавшиеся на этапе дольше срока (${totals.clients}):`,
      ...(clients.length > 0 ? clients.map((client) => clientLine(client, publicUrl)) : ['нет']),
      ...more(clients.length, totals.clients),
      '',
      'Kosino CRM',
    ].join('\n'),
  };
}

/** To the responsible manager (or the department's managers) when a lead's deadline has passed. */
export function overdueLeadMail(
  lead: OverdueLead,
  to: string[],
  publicUrl: string,
): NotificationInput & { dedupeKey: string } {
  return {
    // No leadId: (kind, lead_id) is unique, and a lead may be overdue once per status. The key
    // names the stay, not the deadline: a deadline recomputed after a calendar or limit edit is
    // the same stay, and mails no one twice.
    kind: 'overdue_item',
    dedupeKey: lead.episodeKey,
    to,
    cc: [],
    subject: `Просрочен лид ${leadTitle(lead)}`,
    body: [
      'Здравствуйте!',
      '',
      `Лид ${leadTitle(lead)} в статусе «${leadStatusLabels[lead.status]}» с ${formatDateTime(lead.since)}: срок обработки истёк ${formatDateTime(lead.dueAt)}.`,
      `Ответственный: ${lead.responsible ?? 'не назначен — возьмите лид в работу'}.`,
      '',
      `Открыть лид: ${leadLink(publicUrl, lead.id)}`,
      '',
      'Kosino CRM',
    ].join('\n'),
  };
}

/** To the responsible manager (or the department's managers) when a client stays past its stage's limit. */
export function stuckClientMail(
  client: StuckClient,
  to: string[],
  publicUrl: string,
): NotificationInput & { dedupeKey: string } {
  return {
    kind: 'overdue_item',
    dedupeKey: client.episodeKey,
    to,
    cc: [],
    subject: `Клиент «${client.company}» задержался на этапе «${client.stage}»`,
    body: [
      'Здравствуйте!',
      '',
      `Клиент «${client.company}» на этапе «${client.stage}» с ${formatDateTime(client.since)}: срок этапа истёк ${formatDateTime(client.dueAt)}.`,
      `Ответственный: ${client.responsible ?? 'не назначен'}.`,
      '',
      `Открыть карточку клиента: ${clientLink(publicUrl, client.id)}`,
      '',
      'Kosino CRM',
    ].join('\n'),
  };
}
