import {
  Check,
  Column,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { Department } from '../../dictionary/entities/department.entity.js';
import { Premises } from '../../dictionary/entities/premises.entity.js';
import { ServiceType } from '../../dictionary/entities/service-type.entity.js';
import type { DealLineKind } from '../deal-summary.js';
import { Deal } from './deal.entity.js';

export const dealLineKinds = ['premises', 'ved', '3pl'] as const satisfies readonly DealLineKind[];

export const dealLineKindLabels: Record<DealLineKind, string> = {
  premises: 'Продукт — складское хранение / инфраструктурные объекты',
  ved: 'Услуга ВЭД',
  '3pl': 'Услуги 3PL',
};

/**
 * A line of a deal: premises from the objects directory, or a ВЭД or 3PL service — with exactly
 * the fields of its kind (CHECK). While its deal is signed, a premises line occupies the premises
 * for its term; two occupancies of one premises never overlap (an exclusion constraint).
 */
@Entity('deal_line')
@Index('deal_line_deal_position', ['dealId', 'position'])
@Check(
  'deal_line_fields_of_kind',
  `(kind = 'premises' AND premises_id IS NOT NULL AND service_type_id IS NULL AND volume IS NULL)
   OR (kind IN ('ved', '3pl') AND premises_id IS NULL AND service_type_id IS NOT NULL)`,
)
@Check('deal_line_term', `term_years BETWEEN 1 AND 50`)
@Check('deal_line_cost', `cost_per_year >= 0`)
@Check('deal_line_occupancy_premises', `occupancy IS NULL OR kind = 'premises'`)
@Exclusion('deal_line_premises_occupancy', `USING gist ("premises_id" WITH =, "occupancy" WITH &&)`)
export class DealLine {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  dealId!: number;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal!: Relation<Deal>;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'enum', enum: dealLineKinds, enumName: 'deal_line_kind' })
  kind!: DealLineKind;

  /** Premises lines: the item of the objects directory. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  premisesId!: number | null;

  @ManyToOne(() => Premises, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'premises_id' })
  premises!: Relation<Premises> | null;

  /** ВЭД and 3PL lines: «Вид услуги». */
  @Column({ type: 'integer', nullable: true })
  serviceTypeId!: number | null;

  @ManyToOne(() => ServiceType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_type_id' })
  serviceType!: Relation<ServiceType> | null;

  /** «Объём услуги» (multi-line; services only). */
  @Column({ type: 'text', nullable: true })
  volume!: string | null;

  /** «Срок соглашения» / «Срок предоставления услуги», whole years. */
  @Column({ type: 'smallint' })
  termYears!: number;

  /** «Стоимость услуги» per year, ₽. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  costPerYear!: string;

  /** The department the line counts for: the premises' object type's, or the service's. */
  @Index()
  @Column({ type: 'integer' })
  departmentId!: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department>;

  /** While the deal is signed (premises lines): the dates the premises are taken, [start, end). */
  @Column({ type: 'daterange', nullable: true })
  occupancy!: string | null;
}
