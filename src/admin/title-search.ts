import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';

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
