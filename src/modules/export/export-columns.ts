import { AUDITED_TABLE_LABELS } from '../audit/audited-tables.js';
import { turnoverUnitLabels } from '../client/entities/client.entity.js';
import { dealStatusLabels } from '../deal/deal-transitions.js';
import { dealKindLabels } from '../deal/entities/deal.entity.js';
import { leadOutcomeLabels, leadStatusLabels } from '../lead/lead-transitions.js';
import { reportKindLabels } from '../report/entities/report.entity.js';

/**
 * What each exported list's file holds: its columns with their Russian headers, the SQL that
 * reads each value (on the list's row, alias `record`) and how a cell shows it (export-cells.ts).
 * Only what the list's users may read: no password or draft-key hashes, no consent IP addresses,
 * no file keys, no audit values (they may hold anything a table held).
 */
export type CellKind = 'text' | 'date' | 'dateTime' | 'money' | 'number' | 'area' | 'phone';

export interface ExportColumn {
  header: string;
  /** An SQL expression on the list's row (`record`); dates are read as `YYYY-MM-DD` text. */
  sql: string;
  kind: CellKind;
  /** The Russian names of an enumeration's values (or of `true`/`false`). */
  values?: Record<string, string>;
  /** The column's width in the workbook, in characters. */
  width?: number;
}

export interface ExportList {
  /** The list's name in file names: «Лиды 05.12.2026.xlsx». */
  title: string;
  /** The table the list reads. */
  table: string;
  columns: ExportColumn[];
}

const YES_NO = { true: 'Да', false: 'Нет' };

/** A referenced record's name (a correlated lookup by primary key: one index probe a row). */
const nameOf = (table: string, key: string, nameColumn = 'name') =>
  `(SELECT n.${nameColumn} FROM ${table} n WHERE n.id = record.${key})`;
const department = (key = 'department_id') => nameOf('department', key);
const user = (key: string) => nameOf('app_user', key, 'full_name');
const day = (column: string) => `to_char(record.${column}, 'YYYY-MM-DD')`;

const text = (header: string, sql: string, width = 24): ExportColumn => ({
  header,
  sql,
  kind: 'text',
  width,
});
const moment = (header: string, column: string): ExportColumn => ({
  header,
  sql: `record.${column}`,
  kind: 'dateTime',
  width: 17,
});
const date = (header: string, column: string): ExportColumn => ({
  header,
  sql: day(column),
  kind: 'date',
  width: 12,
});
const labelled = (header: string, column: string, values: Record<string, string>): ExportColumn => ({
  header,
  sql: `record.${column}::text`,
  kind: 'text',
  values,
  width: 18,
});
const id = (header = 'ID'): ExportColumn => ({ header, sql: 'record.id', kind: 'number', width: 9 });

export const EXPORT_LISTS = {
  Lead: {
    title: 'Лиды',
    table: 'lead',
    columns: [
      id(),
      moment('Создан', 'created_at'),
      labelled('Статус', 'status', leadStatusLabels),
      labelled('Источник', 'source', { form: 'Форма обратной связи', manual: 'Создан вручную' }),
      text('Компания', 'record.company', 30),
      text('Имя', 'record.name'),
      { header: 'Телефон', sql: 'record.phone', kind: 'phone', width: 20 },
      text('Эл.почта', 'record.email'),
      text('Тип объекта', nameOf('object_type', 'object_type_id')),
      text('Отдел', department()),
      text('Ответственный', user('responsible_user_id')),
      moment('Срок', 'due_at'),
      moment('В статусе с', 'status_since'),
      moment('Отправлен в работу', 'submitted_at'),
      text('Результат первичной обработки', 'record.primary_result', 40),
      date('Дата обработки (первичной)', 'primary_result_date'),
      text('Итог', 'record.summary', 40),
      date('Дата обработки (итог)', 'summary_date'),
      labelled('Префикс итоговой обработки', 'outcome', leadOutcomeLabels),
      text('Клиент', nameOf('client', 'client_id', 'company_name'), 30),
      text('Дополнительные данные', 'record.extra', 40),
      moment('Согласие получено', 'consent_at'),
      moment('Изменён', 'updated_at'),
    ],
  },
  Client: {
    title: 'Клиенты',
    table: 'client',
    columns: [
      id(),
      date('Дата добавления контакта', 'added_on'),
      text('Наименование компании', 'record.company_name', 30),
      text('Источник контакта', 'record.source'),
      text('Профиль клиента', nameOf('client_sector', 'sector_id')),
      text('Профиль компании', nameOf('company_profile', 'company_profile_id')),
      text('Категория товара', nameOf('product_category', 'product_category_id')),
      text('Отдел', department()),
      text('Ответственный', user('responsible_user_id')),
      { header: 'Телефон', sql: 'record.phone', kind: 'phone', width: 20 },
      text('Почта', 'record.email'),
      text('ИНН', 'record.inn', 14),
      text('Адрес', 'record.address', 40),
      { header: 'Товарооборот, значение', sql: 'record.turnover_value', kind: 'number', width: 16 },
      labelled('Товарооборот, единица', 'turnover_unit', turnoverUnitLabels),
      { header: 'Товарооборот, год', sql: 'record.turnover_year', kind: 'number', width: 10 },
      text('Воронка', nameOf('pipeline', 'pipeline_id')),
      text('Этап', nameOf('stage', 'stage_id')),
      text('Детализация', nameOf('stage_item', 'stage_item_id')),
      moment('На этапе с', 'stage_since'),
      moment('Срок', 'stage_due_at'),
      text('Причина деактивации', 'record.inactive_reason', 30),
      moment('Создан', 'created_at'),
    ],
  },
  Deal: {
    title: 'Сделки',
    table: 'deal',
    columns: [
      id('Номер'),
      date('Дата сделки', 'deal_date'),
      text('Клиент', nameOf('client', 'client_id', 'company_name'), 30),
      labelled('Вид продажи', 'kind', dealKindLabels),
      labelled('Статус', 'status', dealStatusLabels),
      date('Начало срока', 'starts_on'),
      { header: 'Сумма (стоимость в год × срок)', sql: 'record.total', kind: 'money', width: 20 },
      text('Ответственный', user('responsible_user_id')),
      moment('Подписана', 'signed_at'),
      moment('Завершена', 'closed_at'),
      moment('Отменена', 'cancelled_at'),
      moment('Создана', 'created_at'),
    ],
  },
  HistoryEvent: {
    title: 'История',
    table: 'history_event',
    columns: [
      id(),
      date('Дата события', 'event_date'),
      labelled('Запланировано', 'planned', YES_NO),
      text('Клиент', nameOf('client', 'client_id', 'company_name'), 30),
      text('Тип события', nameOf('history_event_type', 'type_id')),
      text('Комментарий', 'record.comment', 50),
      text('Кто', user('user_id')),
      labelled('Записано системой', 'automatic', YES_NO),
      text('Файлы', `array_to_string(record.attachment_names, ', ')`, 30),
      moment('Создано', 'created_at'),
    ],
  },
  Report: {
    title: 'Отчёты',
    table: 'report',
    columns: [
      id(),
      labelled('Вид отчёта', 'kind', reportKindLabels),
      text('Департамент', department()),
      date('Начало периода', 'period_start'),
      date('Конец периода', 'period_end'),
      labelled('Как сформирован', 'origin', { schedule: 'По расписанию', demand: 'По запросу' }),
      text('Кто запросил', user('requested_by_user_id')),
      moment('Сформирован', 'generated_at'),
      { header: 'Время построения, мс', sql: 'record.build_ms', kind: 'number', width: 12 },
      { header: 'Размер, байт', sql: 'record.size_bytes', kind: 'number', width: 12 },
      moment('Создан', 'created_at'),
    ],
  },
  AuditLog: {
    title: 'Журнал изменений',
    table: 'audit_log',
    columns: [
      { header: 'ID', sql: 'record.id', kind: 'number', width: 10 },
      moment('Когда', 'at'),
      text('Кто', 'record.user_label', 30),
      { header: 'Пользователь (ID)', sql: 'record.user_id', kind: 'number', width: 10 },
      labelled('Раздел', 'table_name', AUDITED_TABLE_LABELS),
      text('Запись (ID)', 'record.record_id', 12),
      labelled('Действие', 'action', { insert: 'Создание', update: 'Изменение', delete: 'Удаление' }),
    ],
  },
} satisfies Record<string, ExportList>;

export type ExportListName = keyof typeof EXPORT_LISTS;

export const isExportList = (name: unknown): name is ExportListName =>
  typeof name === 'string' && Object.hasOwn(EXPORT_LISTS, name);
