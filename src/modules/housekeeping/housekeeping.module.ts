import { Module } from '@nestjs/common';

import { HousekeepingService } from './housekeeping.service.js';

// SchedulerRegistry comes from ScheduleModule.forRoot() in ReportModule (a global module).
@Module({ providers: [HousekeepingService] })
export class HousekeepingModule {}
