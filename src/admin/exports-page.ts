import type { AdminPage } from 'adminjs';

import { formatDateTime } from '../common/ru-format.js';
import type { SessionUser } from '../modules/auth/auth.service.js';
import { EXPORT_LISTS, isExportList } from '../modules/export/export-columns.js';
import { exportJobStatusLabels } from '../modules/export/export-job.entity.js';
import type { ExportService } from '../modules/export/export.service.js';
import { Components } from './component-loader.js';

/** The name of the «Мои выгрузки» page: /admin/pages/exports. */
export const EXPORTS_PAGE = 'exports';

export const exportFileUrl = (rootPath: string, jobId: number) => `${rootPath}/exports/${jobId}/file`;

/** One export as the page shows it: every text already in Russian. */
export interface ExportJobView {
  id: number;
  list: string;
  format: string;
  fileName: string;
  status: string;
  statusLabel: string;
  rowsWritten: number;
  totalRows: number | null;
  createdAt: string;
  expiresAt: string | null;
  downloadUrl: string | null;
}

/**
 * «Мои выгрузки»: the user's background exports (ExportService.jobsOf) with their state, rows
 * written of how many, and the link to the file while it is kept. Each user sees only their own.
 */
export function exportsPage(exports: ExportService, rootPath: string): AdminPage {
  return {
    component: Components.ExportsPage,
    icon: 'Download',
    handler: async (_request, _response, context) => {
      const user = context.currentAdmin as SessionUser | undefined;
      if (!user) return { jobs: [] };
      const jobs = await exports.jobsOf(user.id);
      return {
        jobs: jobs.map((job): ExportJobView => ({
          id: job.id,
          list: isExportList(job.list) ? EXPORT_LISTS[job.list].title : job.list,
          format: job.format === 'xlsx' ? 'Excel' : 'CSV',
          fileName: job.fileName,
          status: job.status,
          statusLabel: exportJobStatusLabels[job.status],
          rowsWritten: job.rowsWritten,
          totalRows: job.totalRows,
          createdAt: formatDateTime(job.createdAt),
          expiresAt: job.expiresAt ? formatDateTime(job.expiresAt) : null,
          downloadUrl: job.status === 'done' ? exportFileUrl(rootPath, job.id) : null,
        })),
      };
    },
  };
}
