import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';

import { DomainError } from '../../common/domain-error.js';
import type { SessionUser } from '../../modules/auth/auth.service.js';
import { Report, reportKindLabels } from '../../modules/report/entities/report.entity.js';
import type { ReportService } from '../../modules/report/report.service.js';
import {
  canReadReport,
  readsOwnDepartmentOnly,
  reportDeliveryLabels,
  reportOrderRoles,
  reportReaderRoles,
} from '../../modules/report/report-transitions.js';
import { allow } from '../access.js';
import { Components } from '../component-loader.js';
import { exportAction } from '../list-export.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const reportDownloadUrl = (rootPath: string, reportId: number | string) =>
  `${rootPath}/reports/${reportId}/pdf`;

const readers = allow(...reportReaderRoles);
const orderers = allow(...reportOrderRoles);
const nobody = () => false;

/**
 * A manager's list holds only their department's committee reports (report-transitions.ts): the
 * server sets the two
 * filters, after removing anything in the query that could replace or unsettle them (a bare
 * `filters=…`, arrays, nested keys).
 */
function ownDepartmentOnly(request: ActionRequest, context: ActionContext): ActionRequest {
  const user = context.currentAdmin as unknown as SessionUser | undefined;
  if (!readsOwnDepartmentOnly(user?.role)) return request;
  const query = Object.fromEntries(
    Object.entries(request.query ?? {}).filter(
      ([key, value]) =>
        typeof value === 'string' &&
        key !== 'filters' &&
        !key.startsWith('filters.kind') &&
        !key.startsWith('filters.departmentId'),
    ),
  );
  return {
    ...request,
    query: { ...query, 'filters.kind': 'committee', 'filters.departmentId': String(user?.departmentId ?? 0) },
  };
}

type ListedRecord = {
  id: string;
  params: Record<string, unknown>;
  populated?: Record<string, { id: string; title: string; params: Record<string, unknown> } | null>;
};

/**
 * What the list and show actions send: «Рассылка» added; records the user may not read dropped
 * (a second lock behind the list filter); and of the department and the requester only the id and
 * name — their e-mails and settings are not for managers and committee members.
 */
function forReaders(reports: ReportService) {
  return async (
    response: ActionResponse,
    _request: ActionRequest,
    context: ActionContext,
  ): Promise<ActionResponse> => {
    const user = context.currentAdmin as unknown as SessionUser | undefined;
    const readable = (record: ListedRecord) =>
      user !== undefined &&
      canReadReport(user, {
        kind: record.params.kind as Report['kind'],
        departmentId:
          record.params.departmentId === null || record.params.departmentId === undefined
            ? null
            : Number(record.params.departmentId),
      });
    if (response.records) response.records = (response.records as ListedRecord[]).filter(readable);
    const records = (response.records ?? (response.record ? [response.record] : [])) as ListedRecord[];
    const states = await reports.deliveryStates(records.map((record) => Number(record.id)));
    for (const record of records) {
      record.params.delivery = states.get(Number(record.id)) ?? 'none';
      if (user?.role === 'admin') continue;
      for (const [path, related] of Object.entries(record.populated ?? {})) {
        if (related)
          record.populated![path] = { id: related.id, title: related.title, params: { id: related.id } };
      }
    }
    return response;
  };
}

/**
 * «Отчёты»: the archive of every report with its PDF, and «Сформировать отчёт». Administrators
 * and committee members see every report; a manager sees their department's committee reports
 * and may order one. Nobody edits or deletes an archived report.
 */
export function reportResource(reports: ReportService) {
  return defineResource({
    entity: Report,
    label: 'Отчёты',
    options: {
      navigation: navigation.reports,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['kind', 'departmentId', 'periodStart', 'periodEnd', 'generatedAt', 'delivery', 'file'],
      showProperties: [
        'kind',
        'departmentId',
        'periodStart',
        'periodEnd',
        'origin',
        'requestedByUserId',
        'generatedAt',
        'delivery',
        'buildMs',
        'sizeBytes',
        'file',
      ],
      filterProperties: ['kind', 'departmentId', 'periodStart', 'origin', 'generatedAt'],
      actions: {
        list: { isAccessible: readers, before: ownDepartmentOnly, after: forReaders(reports) },
        export: exportAction(readers),
        show: {
          isAccessible: ({ currentAdmin, record }: ActionContext) =>
            readers({ currentAdmin }) &&
            (!record ||
              canReadReport(currentAdmin as unknown as SessionUser, {
                kind: record.get('kind') as Report['kind'],
                departmentId: (record.get('departmentId') as number | null) ?? null,
              })),
          after: forReaders(reports),
        },
        search: { isAccessible: nobody },
        new: { isAccessible: nobody },
        edit: { isAccessible: nobody },
        delete: { isAccessible: nobody },
        bulkDelete: { isAccessible: nobody },
        requestReport: {
          actionType: 'resource',
          icon: 'FilePlus',
          component: Components.ReportRequestForm,
          isAccessible: orderers,
          handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
            const user = context.currentAdmin as unknown as SessionUser;
            if (request.method !== 'post') return { choices: await reports.requestChoices(user) };
            try {
              const reportId = await reports.request(
                (request.payload ?? {}) as Record<string, unknown>,
                user,
              );
              return {
                notice: { message: 'reportReady', type: 'success' },
                reportId,
                downloadUrl: reportDownloadUrl(context._admin.options.rootPath, reportId),
                showUrl: context.h.recordActionUrl({
                  resourceId: context.resource.id(),
                  recordId: String(reportId),
                  actionName: 'show',
                }),
              };
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              return {
                code: error.code,
                notice: { message: error.message, type: 'error' },
                fieldErrors: error.fields ?? {},
              };
            }
          },
        },
      },
    },
    properties: {
      id: { label: 'ID' },
      kind: { label: 'Вид отчёта', values: reportKindLabels },
      departmentId: { label: 'Департамент' },
      periodStart: { label: 'Начало периода' },
      periodEnd: { label: 'Конец периода' },
      origin: { label: 'Как сформирован', values: { schedule: 'По расписанию', demand: 'По запросу' } },
      requestedByUserId: { label: 'Кто запросил' },
      generatedAt: { label: 'Сформирован' },
      buildMs: { label: 'Время построения, мс' },
      sizeBytes: { label: 'Размер, байт' },
      createdAt: { label: 'Создан' },
      delivery: {
        label: 'Рассылка комитету',
        type: 'string',
        values: reportDeliveryLabels,
        isVisible: { list: true, show: true, filter: false, edit: false },
      },
      file: {
        label: 'PDF',
        components: { list: Components.ReportDownload, show: Components.ReportDownload },
        isVisible: { list: true, show: true, filter: false, edit: false },
      },
    },
  });
}
