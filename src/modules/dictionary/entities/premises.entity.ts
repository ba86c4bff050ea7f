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
import { ObjectType } from './object-type.entity.js';

/** An item of the objects directory («справочник объектов»): premises that deals lease. */
@Entity('premises')
@Unique('premises_zone_number_unique', ['zone', 'number'])
@Check('premises_area_positive', `area_m2 > 0`)
@Check('premises_number_not_blank', `btrim(number) <> ''`)
export class Premises extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'integer' })
  objectTypeId!: number;

  @ManyToOne(() => ObjectType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'object_type_id' })
  objectType!: Relation<ObjectType>;

  /** «Зона объекта». */
  @Column({ type: 'varchar', length: 100 })
  zone!: string;

  /** «Сектор» of the park where the premises are. */
  @Column({ type: 'varchar', length: 100 })
  sector!: string;

  /** «Место/№ помещения». */
  @Column({ type: 'varchar', length: 50 })
  number!: string;

  @Column({ type: 'numeric', precision: 10, scale: 2 })
  areaM2!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
