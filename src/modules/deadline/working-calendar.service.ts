import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { DeadlineRepository } from './deadline.repository.js';

/**
 * The working calendar as the rest of the app asks it. The rules themselves are in PostgreSQL
 * (working_deadline, deadline-functions.sql.ts), so that the triggers, the recomputation and these
 * answers can never disagree.
 */
@Injectable()
export class WorkingCalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether a Moscow date (YYYY-MM-DD) is a working day: Monday–Friday unless the calendar says otherwise. */
  async isWorkingDay(day: string): Promise<boolean> {
    return new DeadlineRepository(this.dataSource.manager).isWorkingDay(day);
  }

  /** `start` plus `minutes` of working time. */
  async deadline(start: Date, minutes: number): Promise<Date> {
    return new DeadlineRepository(this.dataSource.manager).workingDeadline(start, minutes);
  }
}
