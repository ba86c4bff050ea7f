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
import { Department } from './department.entity.js';

/** «Тип объекта» (Appendix 1): what a lead asks for; its department receives the lead. */
@Entity('object_type')
@Check('object_type_name_not_blank', `btrim(name) <> ''`)
export class ObjectType extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  @Index()
  @Column({ type: 'integer' })
  departmentId!: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department>;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}
