import { Module } from '@nestjs/common';

import { NotificationModule } from '../notification/notification.module.js';
import { DeadlineService } from './deadline.service.js';
import { ReminderScheduler } from './reminder.scheduler.js';
import { ReminderService } from './reminder.service.js';
import { WorkingCalendarService } from './working-calendar.service.js';
import { WorkspaceService } from './workspace.service.js';

/** The manager's workspace: deadlines, counters and overdue reminders. */
@Module({
  // SchedulerRegistry comes from ScheduleModule.forRoot() in ReportModule (a global module).
  imports: [NotificationModule],
  providers: [WorkingCalendarService, WorkspaceService, ReminderService, ReminderScheduler, DeadlineService],
  exports: [WorkingCalendarService, WorkspaceService, ReminderService, ReminderScheduler, DeadlineService],
})
export class WorkspaceModule {}
