import type { AdminPage } from 'adminjs';

import { Components } from './component-loader.js';

/** The name of the «Импорт» page: /admin/pages/import (?job=12 opens an import). */
export const IMPORT_PAGE = 'import';

/**
 * «Импорт»: the page asks the import API (import-api.ts) for everything it shows, so a reload, a
 * link with ?job= and the progress polling all read the same ImportJobView. The sidebar offers it
 * to administrators and managers (sidebar-pages.tsx); the API refuses the committee.
 */
export function importPage(): AdminPage {
  return { component: Components.ImportPage, icon: 'Upload' };
}
