import { Module } from '@nestjs/common';

import { DeadlineService } from './deadline.service.js';
import { WorkingCalendarService } from './working-calendar.service.js';

/** Deadlines of leads and clients by the working calendar, hours and limits, kept in the background. */
@Module({
  providers: [WorkingCalendarService, DeadlineService],
  exports: [WorkingCalendarService, DeadlineService],
})
export class DeadlineModule {}
