import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';

/** `holiday`: a weekday off (a public holiday or a transfer); `workday`: a Saturday or Sunday worked. */
export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

/**
 * «Производственный календарь»: the exceptions to the default week (Monday–Friday work, Saturday
 * and Sunday off), Moscow dates. The deadlines (working_deadline in the Deadlines migration) read
 * it; editing it has the deadlines of open leads and clients recomputed (DeadlineService, within a minute).
 */
@Entity('working_calendar_day')
@Check('working_calendar_day_name_not_blank', `btrim(name) <> ''`)
export class WorkingCalendarDay extends TimestampedEntity {
  // A surrogate id: the audit log (audit_row) and AdminJS's record pages identify rows by `id`.
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'date', unique: true })
  day!: string;

  @Column({ type: 'enum', enum: calendarDayKinds, enumName: 'working_calendar_day_kind' })
  kind!: CalendarDayKind;

  /** «Новогодние каникулы», «День защитника Отечества», «Перенос выходного»… */
  @Column({ type: 'varchar', length: 200 })
  name!: string;
}
