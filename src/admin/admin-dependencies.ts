import type { DataSource } from 'typeorm';
import type { UserService } from '../modules/user/user.service.js';
import type { LeadService } from '../modules/lead/lead.service.js';
import type { NotificationDispatcher } from '../modules/notification/notification.dispatcher.js';
import type { NotificationService } from '../modules/notification/notification.service.js';
import type { ClientStatusService } from '../modules/client/client-status.service.js';
import type { ClientService } from '../modules/client/client.service.js';
import type { AttachmentStorage } from '../modules/client/attachments.js';
import type { HistoryService } from '../modules/client/history.service.js';
import type { DealService } from '../modules/deal/deal.service.js';
import type { ReportService } from '../modules/report/report.service.js';
import type { CommitteeHomeService } from '../modules/report/committee-home.service.js';
import type { LeadBoardService } from '../modules/lead/lead-board.service.js';
import type { ClientBoardService } from '../modules/client/client-board.service.js';
import type { CountersService } from '../modules/counters/counters.service.js';
import type { SearchService } from '../modules/search/search.service.js';
import type { ExportService } from '../modules/export/export.service.js';

/** The services the back-office calls: every write goes through one of them. */
export interface AdminDependencies {
  dataSource: DataSource;
  leads: LeadService;
  clients: ClientService;
  clientStatuses: ClientStatusService;
  history: HistoryService;
  deals: DealService;
  /** Where history attachments are stored, and their size limit. */
  attachments: { storage: AttachmentStorage; maxBytes: number };
  users: UserService;
  notifications: NotificationService;
  dispatcher: NotificationDispatcher;
  reports: ReportService;
  leadBoards: LeadBoardService;
  clientBoards: ClientBoardService;
  workspace: CountersService;
  search: SearchService;
  exports: ExportService;
  committeeHome: CommitteeHomeService;
}
