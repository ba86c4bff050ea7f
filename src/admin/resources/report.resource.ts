import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';

import { DomainError } from '../../common/domain-error.js';
import type { SessionUser } from '../../modules/auth/auth.service.js';
import { Report, reportKindLabels } from '../../modules/report/entities/report.entity.js';
import { canReadReport, type ReportService } from '../../modules/report/report.service.js';
import { allow } from '../access.js';
import { Components } from '../component-loader.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const reportDownloadUrl = (rootPath: string, reportId: number | string) =>
  `${rootPath}/reports/${reportId}/pdf`;

const readers = allow('admin', 'manager', 'committee');
const nobody = () => false;

/** A manager's list holds only their department's committee reports (the server adds the filter). */
function ownDepartmentOnly(request: ActionRequest, context: ActionContext): ActionRequest {
  const user = context.currentAdmin as SessionUser | undefined;
  if (user?.role !== 'manager') return request;
  return {
    ...request,
    query: {
      ...request.query,
      'filters.kind': 'committee',
      'filters.departmentId': String(user.departmentId ?? 0),
    },
  };
}

/** «Рассылка»: put in each record by the list and show actions. */
function withDelivery(reports: ReportService) {
  return async (response: ActionResponse): Promise<ActionResponse> => {
    const records = (response.records ?? (response.record ? [response.record] : [])) as {
      id: string;
      params: Record<string, unknown>;
    }[];
    const states = await reports.deliveryStates(records.map((record) => Number(record.id)));
    for (const record of records) record.params.delivery = states.get(Number(record.id)) ?? 'none';
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
        list: { isAccessible: readers, before: ownDepartmentOnly, after: withDelivery(reports) },
        show: {
          isAccessible: ({ currentAdmin, record }: ActionContext) =>
            readers({ currentAdmin }) &&
            (!record ||
              canReadReport(currentAdmin as unknown as SessionUser, {
                kind: record.get('kind') as Report['kind'],
                departmentId: (record.get('departmentId') as number | null) ?? null,
              })),
          after: withDelivery(reports),
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
          isAccessible: allow('admin', 'manager'),
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
              return { notice: { message: error.message, type: 'error' }, fieldErrors: error.fields ?? {} };
            }
          },
        },
      },
    },
    properties: {
      id: { label: 'ID' },
      kind: { label: 'Вид отчёта', values: reportKindLabels },
      departmentId: { label: 'Департамент' },
      periodStart: { label: 'Начало периода', type: 'date' },
      periodEnd: { label: 'Конец периода', type: 'date' },
      origin: { label: 'Как сформирован', values: { schedule: 'По расписанию', demand: 'По запросу' } },
      requestedByUserId: { label: 'Кто запросил' },
      generatedAt: { label: 'Сформирован' },
      buildMs: { label: 'Время построения, мс' },
      sizeBytes: { label: 'Размер, байт' },
      createdAt: { label: 'Создан' },
      delivery: {
        label: 'Рассылка комитету',
        type: 'string',
        values: { none: 'Не рассылается (по запросу)', pending: 'Ожидает отправки', sent: 'Отправлен' },
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
