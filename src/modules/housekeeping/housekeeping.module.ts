import { Module } from '@nestjs/common';

import { ExportModule } from '../export/export.module.js';
import { ImportModule } from '../import/import.module.js';
import { HousekeepingService } from './housekeeping.service.js';

// SchedulerRegistry comes from ScheduleModule.forRoot() in ReportModule (a global module).
@Module({ imports: [ExportModule, ImportModule], providers: [HousekeepingService] })
export class HousekeepingModule {}
