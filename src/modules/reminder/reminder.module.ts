import { Module } from '@nestjs/common';

import { DeadlineModule } from '../deadline/deadline.module.js';
import { NotificationModule } from '../notification/notification.module.js';
import { ReminderScheduler } from './reminder.scheduler.js';
import { ReminderService } from './reminder.service.js';

/** The overdue reminders and the morning digest, and the schedule of the deadlines' background work. */
@Module({
  // SchedulerRegistry comes from ScheduleModule.forRoot() in ReportModule (a global module).
  imports: [NotificationModule, DeadlineModule],
  providers: [ReminderService, ReminderScheduler],
  exports: [ReminderService],
})
export class ReminderModule {}
