import { formatPhone } from '../../common/ru-format.js';

/** The mail of docs/product.md §1.2 about a lead that became «Новый». */
export interface LeadMailValues {
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  objectType: string | null;
  extra: string | null;
}

export const NEW_LEAD_SUBJECT = 'Сформирован новый «лид»';

export function newLeadMailBody(values: LeadMailValues): string {
  const line = (label: string, value: string | null) => `${label}: ${value?.trim() || '—'}`;
  return [
    'В базе данных CRM сформирован новый «лид» со следующими параметрами:',
    '',
    line('Имя', values.name),
    line('Компания', values.company),
    line('Телефон', values.phone && formatPhone(values.phone)),
    line('Почта', values.email),
    line('Тип объекта', values.objectType),
    line('Дополнительные данные', values.extra),
    '',
  ].join('\n');
}

/** To: the department's managers; Cc: its head. With no managers, the head receives it as To. */
export function leadRecipients(
  managerEmails: string[],
  headEmail: string | null,
): { to: string[]; cc: string[] } {
  if (managerEmails.length === 0) return { to: headEmail ? [headEmail] : [], cc: [] };
  return { to: managerEmails, cc: headEmail && !managerEmails.includes(headEmail) ? [headEmail] : [] };
}

/**
 * The administrators' copy of a new lead's mail while its department lists no addresses: no lead
 * goes unnoticed on a new installation. The department's own mail waits and goes by itself once
 * its addresses are filled.
 */
export function unroutedLeadMail(department: string, leadMail: { subject: string; body: string }) {
  return {
    subject: `${leadMail.subject} — департаменту «${department}» некому отправить`,
    body: [
      `У департамента «${department}» не указана эл. почта менеджеров и руководителя, поэтому письмо о новом лиде пока некому отправить.`,
      'Укажите адреса в разделе «Справочники → Департаменты» — письмо уйдёт департаменту само в течение минуты.',
      '',
      leadMail.body,
    ].join('\n'),
  };
}
