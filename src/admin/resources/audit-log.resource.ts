import type { ActionContext, ActionResponse } from 'adminjs';
import type { EntityMetadata } from 'typeorm';

import { formatDate, formatDateTime, NOTHING } from '../../common/ru-format.js';
import { AuditLog } from '../../modules/audit/audit-log.entity.js';
import { AUDITED_TABLE_LABELS } from '../../modules/audit/audited-tables.js';
import { allow, readOnlyAdministratorActions } from '../access.js';
import { Components } from '../component-loader.js';
import { exportAction } from '../list-export.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/** A value as a person reads it: dates and moments in Russian format, «Да»/«Нет», lists by commas. */
function text(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return NOTHING;
  if (value === true || value === false) return value ? 'Да' : 'Нет';
  if (Array.isArray(value)) return value.map(text).join(', ') || NOTHING;
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return formatDateTime(value);
    return value;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

interface ColumnLabel {
  label: string;
  /** The Russian names of an enumeration's values («admin» → «Администратор»). */
  values: Record<string, string>;
}

/**
 * The Russian name of an audited table's column (and of its values): the label its resource gives the property the
 * column holds (from the back-office's locale). Service columns no resource shows (versions, key
 * hashes) have none.
 */
function columnLabels(table: string, context: ActionContext): Map<string, ColumnLabel> {
  const labels = new Map<string, ColumnLabel>();
  const locale = context._admin.options.locale;
  const translations = (typeof locale === 'object' ? locale.translations?.ru : undefined) as
    | {
        resources?: Record<
          string,
          { properties?: Record<string, string>; labels?: Record<string, Record<string, string> | string> }
        >;
      }
    | undefined;
  for (const resource of context._admin.resources) {
    const model = (resource as unknown as { model?: { getRepository?: () => { metadata: EntityMetadata } } })
      .model;
    const metadata = model?.getRepository?.().metadata;
    if (metadata?.tableName !== table) continue;
    const { properties = {}, labels: values = {} } = translations?.resources?.[resource.id()] ?? {};
    for (const column of metadata.columns) {
      const label = properties[column.propertyName];
      const valueLabels = values[column.propertyName];
      if (label) {
        labels.set(column.databaseName, {
          label,
          values: typeof valueLabels === 'object' ? valueLabels : {},
        });
      }
    }
  }
  return labels;
}

/** The entry's labelled fields with their values before and after, for «Изменения». */
function changes(
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown> | null,
  labels: Map<string, ColumnLabel>,
) {
  const fields = [...new Set([...Object.keys(oldValues ?? {}), ...Object.keys(newValues ?? {})])];
  const shown = (column: ColumnLabel, value: unknown) =>
    typeof value === 'string' && Object.hasOwn(column.values, value) ? column.values[value] : text(value);
  return fields
    .flatMap((field) => {
      const column = labels.get(field);
      if (!column) return [];
      return [
        {
          field: column.label,
          before: shown(column, oldValues?.[field]),
          after: shown(column, newValues?.[field]),
        },
      ];
    })
    .sort((a, b) => a.field.localeCompare(b.field, 'ru'));
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
      export: exportAction(allow('admin')),
      show: {
        ...readOnlyAdministratorActions().show,
        after: async (response: ActionResponse, _request: unknown, context: ActionContext) => {
          const entry = await AuditLog.findOneBy({ id: String(response.record?.id) });
          if (entry && response.record) {
            response.record.params.changes = JSON.stringify(
              changes(entry.oldValues, entry.newValues, columnLabels(entry.tableName, context)),
            );
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
    userLabel: { label: 'Кто', components: { list: Components.AuditActor, show: Components.AuditActor } },
    // Through `values` (the locale), as every enum: a label given as availableValues is Title-Cased
    // by AdminJS's badges («Строки Сделок»).
    tableName: { label: 'Раздел', values: AUDITED_TABLE_LABELS },
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
