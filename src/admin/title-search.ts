import {
  NotFoundError,
  type ActionContext,
  type ActionRequest,
  type ActionResponse,
  type After,
} from 'adminjs';

import type { CrmTypeormResource } from './crm-typeorm-resource.js';

type IsAccessible = (context: ActionContext) => boolean;

/**
 * The search action behind record selects and the top search: finds by the title only and answers
 * id + title, whoever asks. AdminJS's own search returns whole records and takes filters from the
 * query string, which would let a manager read data (or probe a password hash) they may not open.
 */
export function titleSearch(isAccessible: IsAccessible) {
  return {
    isAccessible,
    handler: async (
      request: ActionRequest,
      _response: unknown,
      context: ActionContext,
    ): Promise<ActionResponse> => {
      const resource = context.resource as unknown as CrmTypeormResource;
      const titleProperty = context.resource.decorate().titleProperty().name();
      const text = typeof request.params.query === 'string' ? request.params.query : '';
      return { records: await resource.searchTitles(titleProperty, text) };
    },
  };
}

/**
 * `show` of a resource whose records others only pick in CRM forms (dictionaries, users): its page
 * for `readers`; for `pickers` a look-up by id that answers the id and the title only. AdminJS's
 * record select asks `show` for the title of the value it holds, so without it a manager editing
 * a client saw «Отдел» and «Ответственный» empty. The look-up is no page: not offered to pickers
 * (no link, no button), and the resource's own `after` hooks run for readers only.
 */
export function showOrTitleLookup(
  readers: IsAccessible,
  pickers: IsAccessible,
  after: After<ActionResponse>[] = [],
) {
  return {
    isAccessible: (context: ActionContext) => readers(context) || pickers(context),
    isVisible: readers,
    handler: async (
      request: ActionRequest,
      _response: unknown,
      context: ActionContext,
    ): Promise<ActionResponse> => {
      const { record, currentAdmin, resource } = context;
      if (!record) throw new NotFoundError(`Запись ${String(request.params.recordId)} не найдена`, 'show');
      if (readers(context)) return { record: record.toJSON(currentAdmin) };
      const decorated = resource.decorate();
      const idProperty = Object.values(decorated.properties).find((property) => property.isId());
      const id = record.id();
      // The title as AdminJS shows it (the record's own title() ignores the resource's options).
      const title = String(decorated.titleOf(record) ?? '');
      return {
        record: {
          id: String(id),
          title,
          params: { [idProperty?.name() ?? 'id']: id, [decorated.titleProperty().name()]: title },
          populated: {},
          errors: {},
          baseError: null,
          recordActions: [],
          bulkActions: [],
        },
      };
    },
    after: after.map(
      (hook): After<ActionResponse> =>
        async (response, request, context) =>
          readers(context) ? hook(response, request, context) : response,
    ),
  };
}
