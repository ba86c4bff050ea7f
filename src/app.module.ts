import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DataSource } from 'typeorm';

import { AdminModule } from './admin/admin.module.js';
import { GlobalExceptionFilter } from './common/global-exception.filter.js';
import { loggerOptions } from './common/logger.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/config.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { DealModule } from './modules/deal/deal.module.js';
import { ReportModule } from './modules/report/report.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { HousekeepingModule } from './modules/housekeeping/housekeeping.module.js';
import { ImportModule } from './modules/import/import.module.js';
import { LeadModule } from './modules/lead/lead.module.js';
import { UserModule } from './modules/user/user.module.js';
import { CountersModule } from './modules/counters/counters.module.js';
import { DeadlineModule } from './modules/deadline/deadline.module.js';
import { ReminderModule } from './modules/reminder/reminder.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Initialised and migrated by the boot (src/bootstrap.ts) or by a test. */
  dataSource: DataSource;
  sessionSecret: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, sessionSecret }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, sessionSecret),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        UserModule,
        AuthModule,
        HealthModule,
        LeadModule,
        DealModule,
        ReportModule,
        DeadlineModule,
        ReminderModule,
        CountersModule,
        HousekeepingModule,
        ImportModule,
        AdminModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
