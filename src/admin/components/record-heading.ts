import { leadStatusLabels, type LeadStatus } from '../../modules/lead/lead-transitions.js';

/**
 * What a back-office page is headed with: a list by its section («Лиды»), a record by what it is
 * and its name («Лид №2603 — ООО «Фармация»», «Сделка №12 — ООО …», a client by its company),
 * never AdminJS's «Список»/«Просмотр». Pure: shared by the header component and its spec.
 */
export interface HeadedRecord {
  id: string | number;
  title?: string;
  params: Record<string, unknown>;
  populated?: Record<string, { title?: string } | null | undefined>;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** «<kind> №<id> — <name>» for numbered records, the name alone for the rest. */
const HEADINGS: Record<string, (record: HeadedRecord) => string> = {
  Lead: (record) => numbered('Лид', record, text(record.params.company) || text(record.params.name)),
  Deal: (record) => numbered('Сделка', record, text(record.populated?.clientId?.title)),
  HistoryEvent: (record) => numbered('Событие', record, text(record.populated?.clientId?.title)),
  Notification: (record) => numbered('Уведомление', record, ''),
  AuditLog: (record) => numbered('Запись журнала', record, ''),
  Report: (record) => text(record.title) || `Отчёт №${record.id}`,
  User: (record) => text(record.params.fullName) || text(record.title),
  Client: (record) => text(record.params.companyName) || text(record.title) || `Клиент №${record.id}`,
  LeadStatusLimit: (record) =>
    `Срок статуса «${leadStatusLabels[text(record.params.status) as LeadStatus] ?? text(record.params.status)}»`,
};

/** «Создать» of a section is headed by what is being made. */
const NEW_HEADINGS: Record<string, string> = {
  Lead: 'Новый лид',
  Client: 'Новый клиент',
  Deal: 'Новая сделка',
  HistoryEvent: 'Новое событие',
  User: 'Новый пользователь',
  Department: 'Новый департамент',
  ObjectType: 'Новый тип объекта',
  Premises: 'Новое помещение',
  ServiceType: 'Новый вид услуги',
  ClientSector: 'Новый профиль клиента',
  CompanyProfile: 'Новый профиль компании',
  ProductCategory: 'Новая категория товара',
  HistoryEventType: 'Новый тип события',
  Pipeline: 'Новая воронка',
  Stage: 'Новый этап',
  StageItem: 'Новый пункт детализации',
  WorkingCalendarDay: 'Новый день календаря',
  LeadStatusLimit: 'Новый срок обработки',
};

function numbered(kind: string, record: HeadedRecord, name: string): string {
  return name ? `${kind} №${record.id} — ${name}` : `${kind} №${record.id}`;
}

export function recordHeading(resourceId: string, record: HeadedRecord): string {
  const heading = HEADINGS[resourceId];
  return heading ? heading(record) : text(record.title) || `№${record.id}`;
}

/**
 * A page's heading and the line under it: a list is its section; a record's page is the record,
 * with the action named under it unless it is the record's own page («Просмотр»).
 */
export function pageHeading(
  resource: { id: string; name: string },
  action: { name: string; label: string },
  record: HeadedRecord | undefined,
): { title: string; subtitle?: string } {
  if (record) {
    const title = recordHeading(resource.id, record);
    return action.name === 'show' ? { title } : { title, subtitle: action.label };
  }
  if (action.name === 'list') return { title: resource.name };
  if (action.name === 'new' && NEW_HEADINGS[resource.id]) return { title: NEW_HEADINGS[resource.id] };
  return { title: action.label, subtitle: resource.name };
}
