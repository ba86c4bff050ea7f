import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { TimestampedEntity } from '../../../database/timestamped.entity.js';

/** «Профиль компании»: what kind of company a client is. */
@Entity('company_profile')
@Check('company_profile_name_not_blank', `btrim(name) <> ''`)
export class CompanyProfile extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}

/** «Категория товара»: the goods a client works with. */
@Entity('product_category')
@Check('product_category_name_not_blank', `btrim(name) <> ''`)
export class ProductCategory extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}

/** «Тип события» of the communication history; codes name the events the system records itself. */
@Entity('history_event_type')
@Check('history_event_type_name_not_blank', `btrim(name) <> ''`)
export class HistoryEventType extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}
