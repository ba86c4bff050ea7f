import {
  Filter,
  flat,
  ViewHelpers,
  type ActionContext,
  type ActionRequest,
  type AdminJS,
  type CurrentAdmin,
} from 'adminjs';

import { DomainError } from '../common/domain-error.js';
import type { SessionUser } from '../modules/auth/auth.service.js';
import { isExportFormat } from '../modules/export/export-cells.js';
import { isExportList } from '../modules/export/export-columns.js';
import type { ExportRequest } from '../modules/export/export.service.js';
import type { CrmTypeormResource } from './crm-typeorm-resource.js';

/** The resource action that stands for «Экспорт в Excel» and «Экспорт в CSV» in a list's header. */
export const EXPORT_ACTION = 'export';

/** `/admin/export/Lead?format=xlsx&filters.status=new&sortBy=createdAt&direction=desc` */
export const exportUrl = (rootPath: string, resourceId: string, format: string, query = '') =>
  `${rootPath}/export/${encodeURIComponent(resourceId)}?format=${format}${query ? `&${query}` : ''}`;

/**
 * «Экспорт в Excel» / «Экспорт в CSV» of a list (the header's buttons link to /admin/export/<resource>; see
 * admin-router.loader.ts): offered to whoever may open the list. Run through the API it only
 * points there.
 */
export function exportAction(isAccessible: (context: ActionContext) => boolean) {
  return {
    actionType: 'resource' as const,
    icon: 'Download',
    isAccessible,
    component: false as const,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const query = new URLSearchParams(
        Object.entries(request.query ?? {}).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      ).toString();
      return {
        redirectUrl: exportUrl(context._admin.options.rootPath, context.resource.id(), 'xlsx', query),
      };
    },
  };
}

/**
 * The export of a list exactly as the list shows it to this user: the same access (the list's and
 * the export action's `isAccessible`), the list action's own hooks (e.g. a manager's reports of
 * their department only — report.resource.ts), the same filter translation and sort
 * (CrmTypeormResource.listScope). Forged keys are dropped as the list drops them.
 */
export async function listExportRequest(
  admin: AdminJS,
  resourceId: string,
  query: Record<string, unknown>,
  user: SessionUser,
): Promise<ExportRequest> {
  const format = query.format ?? 'xlsx';
  if (!isExportFormat(format)) {
    throw new DomainError('export.unknown_format', 'Выгрузка бывает в формате xlsx или csv', { status: 400 });
  }
  const resource = isExportList(resourceId)
    ? admin.resources.find((candidate) => candidate.id() === resourceId)
    : undefined;
  if (!isExportList(resourceId) || !resource) {
    throw new DomainError('export.unknown_list', 'Такого списка для выгрузки нет', { status: 404 });
  }
  const decorated = resource.decorate();
  const list = decorated.actions.list;
  const currentAdmin = user as unknown as CurrentAdmin;
  if (!list?.isAccessible(currentAdmin) || !decorated.actions[EXPORT_ACTION]?.isAccessible(currentAdmin)) {
    throw new DomainError('export.forbidden', 'Выгрузка этого списка вам недоступна', { status: 403 });
  }
  const context = {
    resource,
    action: list,
    currentAdmin,
    _admin: admin,
    h: new ViewHelpers({ options: admin.options }),
  } as unknown as ActionContext;
  const asked = Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const request = await list.invokeBeforeHook(
    { method: 'get', query: asked, params: { resourceId, action: 'list' } } as ActionRequest,
    context,
  );
  const {
    sortBy,
    direction,
    filters = {},
  } = flat.unflatten(request.query ?? {}) as {
    sortBy?: unknown;
    direction?: unknown;
    filters?: Record<string, unknown>;
  };
  const filter = await new Filter(filters, resource).populate(context);
  const defaults: { sortBy?: string; direction?: string } = decorated.options.sort ?? {};
  const firstSortable = decorated.getListProperties().find((property) => property.isSortable());
  const scope = await (resource as unknown as CrmTypeormResource).listScope(filter, {
    sortBy: typeof sortBy === 'string' && sortBy ? sortBy : (defaults.sortBy ?? firstSortable?.name()),
    direction: typeof direction === 'string' && direction ? direction : (defaults.direction ?? 'asc'),
  });
  return { list: resourceId, format, user: { id: user.id }, scope };
}
