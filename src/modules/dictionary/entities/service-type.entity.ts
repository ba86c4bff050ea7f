import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Department } from './department.entity.js';

export const serviceKinds = ['ved', '3pl'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** «Вид услуги» of a deal line: the ВЭД and 3PL services (docs/product.md §4). */
@Entity('service_type')
@Unique('service_type_kind_name_unique', ['kind', 'name'])
@Check('service_type_name_not_blank', `btrim(name) <> ''`)
export class ServiceType extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'enum', enum: serviceKinds, enumName: 'service_kind' })
  kind!: ServiceKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The department a deal line of this service counts for in reports. */
  @Index()
  @Column({ type: 'integer' })
  departmentId!: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department>;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}
