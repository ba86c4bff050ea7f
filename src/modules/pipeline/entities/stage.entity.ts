import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Pipeline } from './pipeline.entity.js';

/**
 * `open` stages are worked through in order of position; `won` ends the pipeline with a signed
 * contract; `lost` is «Не активен», which a manager may set at any stage.
 */
export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

/** A stage of a pipeline, with the hint that tells the responsible manager what to do next. */
@Entity('stage')
@Unique('stage_pipeline_position_unique', ['pipelineId', 'position'])
@Unique('stage_pipeline_name_unique', ['pipelineId', 'name'])
@Check('stage_name_not_blank', `btrim(name) <> ''`)
@Check('stage_limit_days_positive', `limit_days IS NULL OR (limit_days > 0 AND limit_days <= 1000)`)
export class Stage extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  pipelineId!: number;

  @ManyToOne(() => Pipeline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pipeline_id' })
  pipeline!: Relation<Pipeline>;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'enum', enum: stageKinds, enumName: 'stage_kind', default: 'open' })
  kind!: StageKind;

  /** «Что делать дальше»: shown to the responsible manager while a client is at this stage. */
  @Column({ type: 'text', default: '' })
  hint!: string;

  /**
   * «Срок на этапе, рабочих дней»: how long a client may stay at this (open) stage before it
   * counts as stuck; none when empty.
   */
  @Column({ type: 'integer', nullable: true })
  limitDays!: number | null;
}
