import { Database } from '@adminjs/typeorm';
import { AdminModule as AdminJsModule } from '@adminjs/nestjs';
import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import AdminJS from 'adminjs';
import type { DataSource } from 'typeorm';

import { ClientBoardService } from '../modules/client/client-board.service.js';
import { ClientStatusService } from '../modules/client/client-status.service.js';
import { ClientModule } from '../modules/client/client.module.js';
import { ClientService } from '../modules/client/client.service.js';
import { HistoryService } from '../modules/client/history.service.js';
import { AttachmentStorage } from '../modules/client/attachments.js';
import { DealModule } from '../modules/deal/deal.module.js';
import { DealService } from '../modules/deal/deal.service.js';
import { ReportModule } from '../modules/report/report.module.js';
import { ReportService } from '../modules/report/report.service.js';
import { CommitteeHomeService } from '../modules/report/committee-home.service.js';
import { CountersModule } from '../modules/counters/counters.module.js';
import { CountersService } from '../modules/counters/counters.service.js';
import { SearchModule } from '../modules/search/search.module.js';
import { SearchService } from '../modules/search/search.service.js';
import { ExportModule } from '../modules/export/export.module.js';
import { ExportService } from '../modules/export/export.service.js';
import { ImportModule } from '../modules/import/import.module.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/tokens.js';
import { AuthModule } from '../modules/auth/auth.module.js';
import { LeadModule } from '../modules/lead/lead.module.js';
import { LeadBoardService } from '../modules/lead/lead-board.service.js';
import { LeadService } from '../modules/lead/lead.service.js';
import { NotificationDispatcher } from '../modules/notification/notification.dispatcher.js';
import { NotificationModule } from '../modules/notification/notification.module.js';
import { NotificationService } from '../modules/notification/notification.service.js';
import { UserModule } from '../modules/user/user.module.js';
import { UserService } from '../modules/user/user.service.js';
import { buildAdminOptions } from './admin-options.js';
import { AdminRouterLoader } from './admin-router.loader.js';
import { CrmTypeormResource } from './crm-typeorm-resource.js';

AdminJS.registerAdapter({ Database, Resource: CrmTypeormResource });

/** The back-office at /admin: AdminJS over the TypeORM entities, with this project's login. */
@Module({
  imports: [
    AdminJsModule.createAdminAsync({
      imports: [
        AuthModule,
        UserModule,
        NotificationModule,
        LeadModule,
        ClientModule,
        DealModule,
        ReportModule,
        CountersModule,
        SearchModule,
        ExportModule,
        ImportModule,
      ],
      inject: [
        getDataSourceToken(),
        UserService,
        NotificationService,
        NotificationDispatcher,
        LeadService,
        ClientService,
        ClientStatusService,
        HistoryService,
        AttachmentStorage,
        APP_CONFIG,
        DealService,
        ReportService,
        LeadBoardService,
        ClientBoardService,
        CountersService,
        SearchService,
        CommitteeHomeService,
        ExportService,
      ],
      useFactory: (
        dataSource: DataSource,
        users: UserService,
        notifications: NotificationService,
        dispatcher: NotificationDispatcher,
        leads: LeadService,
        clients: ClientService,
        clientStatuses: ClientStatusService,
        history: HistoryService,
        storage: AttachmentStorage,
        config: AppConfig,
        deals: DealService,
        reports: ReportService,
        leadBoards: LeadBoardService,
        clientBoards: ClientBoardService,
        workspace: CountersService,
        search: SearchService,
        committeeHome: CommitteeHomeService,
        exports: ExportService,
      ) => ({
        adminJsOptions: buildAdminOptions({
          dataSource,
          users,
          notifications,
          dispatcher,
          leads,
          clients,
          clientStatuses,
          history,
          attachments: { storage, maxBytes: config.uploads.maxBytes },
          deals,
          reports,
          leadBoards,
          clientBoards,
          workspace,
          search,
          committeeHome,
          exports,
        }),
      }),
      customLoader: AdminRouterLoader,
    }),
  ],
})
export class AdminModule {}
