import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';

/** A client status pipeline (SPEC §3): the standard one and the one for sectors 1–2. */
@Entity('pipeline')
@Check('pipeline_name_not_blank', `btrim(name) <> ''`)
export class Pipeline extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;
}
