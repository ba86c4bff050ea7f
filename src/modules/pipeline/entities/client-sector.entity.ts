import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Pipeline } from './pipeline.entity.js';

/** «Профиль клиента»: a sector with the description shown beside the select; it decides the pipeline. */
@Entity('client_sector')
@Check('client_sector_name_not_blank', `btrim(name) <> ''`)
export class ClientSector extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Index()
  @Column({ type: 'integer' })
  pipelineId!: number;

  @ManyToOne(() => Pipeline, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pipeline_id' })
  pipeline!: Relation<Pipeline>;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}
