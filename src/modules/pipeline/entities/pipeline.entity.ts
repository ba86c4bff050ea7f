import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';

/** The codes of the two pipelines every installation has (the dictionary seed creates them). */
export const STANDARD_PIPELINE = 'standard';
export const SECTORS_1_2_PIPELINE = 'sectors_1_2';

/** A client status pipeline (docs/product.md §3): the standard one and the one for sectors 1–2. */
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
