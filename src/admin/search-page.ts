import type { AdminPage } from 'adminjs';

import { DomainError } from '../common/domain-error.js';
import type { SearchService } from '../modules/search/search.service.js';
import type { SessionUser } from '../modules/auth/auth.service.js';
import { Components } from './component-loader.js';

/** The name of the «Поиск» page: /admin/pages/search, its API /admin/api/pages/search?q=… */
export const SEARCH_PAGE = 'search';

/**
 * «Поиск»: the page's handler only reads `q` and asks SearchService; each hit gets the link of
 * its record's page. A refusal (a committee member) is its status with its code and the Russian
 * message.
 */
export function searchPage(search: SearchService, rootPath: string): AdminPage {
  return {
    component: Components.SearchPage,
    icon: 'Search',
    handler: async (request, response: { status(code: number): unknown }, context) => {
      const query = request.method === 'post' ? request.payload?.q : request.query?.q;
      try {
        const result = await search.search(query, context.currentAdmin as SessionUser | undefined);
        const groups = result.groups.map((group) => ({
          ...group,
          hits: group.hits.map((hit) => ({
            ...hit,
            link: `${rootPath}/resources/${hit.resource}/records/${hit.recordId}/show`,
          })),
        }));
        return { ...result, groups };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        response.status(error.status);
        return { query: '', code: error.code, message: error.message, groups: [] };
      }
    },
  };
}
