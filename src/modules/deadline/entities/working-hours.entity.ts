import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';

/**
 * «Рабочее время»: one row, the hours of a working day in Moscow time (09:00–18:00 as seeded).
 * Deadlines count only these hours of working days.
 */
@Entity('working_hours')
@Check('working_hours_single_row', `id = 1`)
@Check('working_hours_order', `starts_at < ends_at`)
export class WorkingHours extends TimestampedEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'time' })
  startsAt!: string;

  @Column({ type: 'time' })
  endsAt!: string;
}
