import type { ActionResponse } from 'adminjs';

import { AuditLog } from '../../modules/audit/audit-log.entity.js';
import { readOnlyAdministratorActions } from '../access.js';
import { Components } from '../component-loader.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/** The Russian names of the audited tables (the «Раздел» column and its filter). */
export const AUDITED_TABLE_LABELS: Record<string, string> = {
  lead: 'Лиды',
  client: 'Клиенты',
  deal: 'Сделки',
  deal_line: 'Строки сделок',
  history_event: 'История',
  department: 'Отделы',
  object_type: 'Типы объектов',
  premises: 'Объекты',
  client_sector: 'Профили клиентов (секторы)',
  company_profile: 'Профили компаний',
  product_category: 'Категории продукции',
  service_type: 'Виды услуг',
  history_event_type: 'Типы событий',
  pipeline: 'Воронки',
  stage: 'Этапы',
  stage_item: 'Пункты этапов',
  app_user: 'Пользователи',
};

const text = (value: unknown): string =>
  value === undefined ? '' : value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** The entry's fields with their values before and after, for «Изменения». */
function changes(oldValues: Record<string, unknown> | null, newValues: Record<string, unknown> | null) {
  const fields = [...new Set([...Object.keys(oldValues ?? {}), ...Object.keys(newValues ?? {})])].sort();
  return fields.map((field) => ({
    field,
    before: text(oldValues?.[field]),
    after: text(newValues?.[field]),
  }));
}

export const auditLogResource = defineResource({
  entity: AuditLog,
  label: 'Журнал изменений',
  options: {
    navigation: navigation.administration,
    sort: { sortBy: 'at', direction: 'desc' },
    listProperties: ['at', 'userLabel', 'tableName', 'recordId', 'action'],
    showProperties: ['at', 'userLabel', 'tableName', 'recordId', 'action', 'changes'],
    filterProperties: ['at', 'userId', 'tableName', 'recordId', 'action'],
    actions: {
      ...readOnlyAdministratorActions(),
      show: {
        ...readOnlyAdministratorActions().show,
        after: async (response: ActionResponse) => {
          const entry = await AuditLog.findOneBy({ id: String(response.record?.id) });
          if (entry && response.record) {
            response.record.params.changes = JSON.stringify(changes(entry.oldValues, entry.newValues));
          }
          return response;
        },
      },
    },
  },
  properties: {
    id: { label: 'ID' },
    at: { label: 'Когда' },
    userId: { label: 'Пользователь (ID)' },
    userLabel: { label: 'Кто' },
    tableName: {
      label: 'Раздел',
      availableValues: Object.entries(AUDITED_TABLE_LABELS).map(([value, label]) => ({ value, label })),
    },
    recordId: { label: 'Запись (ID)' },
    action: { label: 'Действие', values: { insert: 'Создание', update: 'Изменение', delete: 'Удаление' } },
    oldValues: { label: 'Было', isVisible: false },
    newValues: { label: 'Стало', isVisible: false },
    changes: {
      label: 'Изменения',
      type: 'string',
      components: { show: Components.AuditChanges },
      isVisible: { list: false, filter: false, show: true, edit: false },
    },
  },
});
