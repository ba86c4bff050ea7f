import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The working calendar as the rest of the app asks it. The rules themselves are in PostgreSQL
 * (working_deadline, the Deadlines migration), so that the triggers, the recomputation and these
 * answers can never disagree.
 */
@Injectable()
export class WorkingCalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether a Moscow date (YYYY-MM-DD) is a working day: Monday–Friday unless the calendar says otherwise. */
  async isWorkingDay(day: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT coalesce((SELECT kind = 'workday' FROM working_calendar_day WHERE day = $1::date),
                       extract(isodow FROM $1::date) < 6) AS working`,
      [day],
    )) as { working: boolean }[];
    return row.working;
  }

  /** `start` plus `minutes` of working time. */
  async deadline(start: Date, minutes: number): Promise<Date> {
    const [row] = (await this.dataSource.query('SELECT working_deadline($1, $2) AS due', [
      start,
      minutes,
    ])) as {
      due: Date;
    }[];
    return row.due;
  }
}
