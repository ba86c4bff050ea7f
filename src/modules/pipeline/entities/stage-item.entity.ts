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
import { Stage } from './stage.entity.js';

/**
 * `step`: progress within the stage; `completes`: the stage's final positive item — picking it
 * moves the client to the next stage; `fails`: a negative outcome («Не согласовано», «Не подписано»)
 * after which the manager decides whether to deactivate the client.
 */
export const stageItemKinds = ['step', 'completes', 'fails'] as const;
export type StageItemKind = (typeof stageItemKinds)[number];

/** A detail item («детализация») of a stage. */
@Entity('stage_item')
@Unique('stage_item_stage_position_unique', ['stageId', 'position'])
@Unique('stage_item_stage_name_unique', ['stageId', 'name'])
@Check('stage_item_name_not_blank', `btrim(name) <> ''`)
export class StageItem extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  stageId!: number;

  @ManyToOne(() => Stage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage!: Relation<Stage>;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'enum', enum: stageItemKinds, enumName: 'stage_item_kind', default: 'step' })
  kind!: StageItemKind;
}
