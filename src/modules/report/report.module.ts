import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { NotificationModule } from '../notification/notification.module.js';
import { CommitteeHomeService } from './committee-home.service.js';
import { ReportScheduler } from './report.scheduler.js';
import { ReportService } from './report.service.js';

@Module({
  imports: [ScheduleModule.forRoot(), NotificationModule],
  providers: [ReportService, ReportScheduler, CommitteeHomeService],
  exports: [ReportService, ReportScheduler, CommitteeHomeService],
})
export class ReportModule {}
