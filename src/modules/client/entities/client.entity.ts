import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

import { EMAIL_PATTERN } from '../../../database/email-pattern.js';
import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Department } from '../../dictionary/entities/department.entity.js';
import { CompanyProfile, ProductCategory } from '../../dictionary/entities/named-dictionary.entities.js';
import type { Lead } from '../../lead/entities/lead.entity.js';
import { ClientSector } from '../../pipeline/entities/client-sector.entity.js';
import { Pipeline } from '../../pipeline/entities/pipeline.entity.js';
import { StageItem } from '../../pipeline/entities/stage-item.entity.js';
import { Stage, stageKinds, type StageKind } from '../../pipeline/entities/stage.entity.js';
import { User } from '../../user/entities/user.entity.js';

export const turnoverUnits = ['thousand_tonnes', 'rub'] as const;
export type TurnoverUnit = (typeof turnoverUnits)[number];

export const turnoverUnitLabels: Record<TurnoverUnit, string> = {
  thousand_tonnes: 'Тыс. тонн',
  rub: 'Рубль',
};

/** «Источник контакта» of a card made from a lead (then read-only). */
export const LEAD_SOURCE_LABEL = 'Форма обратной связи';

/** A contact person («ФИО», «Должность», with their own phone and e-mail). */
export interface ContactPerson {
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * «Карточка клиента» (docs/product.md §2). Fields change through ClientService, the status through
 * ClientStatusService. A mini-block that is not ticked holds no data (CHECKs below); the
 * trigger of the ClientsAndStatuses migration keeps the stage inside the client's pipeline.
 */
@Entity('client')
// An import's re-run finds what it wrote by Bitrix24's ID (ImportBitrixIds migration).
@Index('client_bitrix_id', ['bitrixId'], { unique: true, where: 'bitrix_id IS NOT NULL' })
// The client list: newest first, whole, by stage or by «Профиль клиента».
@Index('client_added_on', ['addedOn'])
@Index('client_stage_added_on', ['stageId', 'addedOn'])
@Index('client_sector_added_on', ['sectorId', 'addedOn'])
// «Клиенты — воронка»: a stage column, newest cards first, whole or of one department.
@Index('client_stage_id_id', ['stageId', 'id'])
@Index('client_department_stage_id', ['departmentId', 'stageId', 'id'])
// The funnel of a department now: its clients counted by stage and item from the index alone.
@Index('client_department_stage_item', ['departmentId', 'stageId', 'stageItemId'])
// Counters and reminders: clients past their stage's limit, by manager and by department, and
// those that just became overdue (partial indexes, written by hand in the Deadlines migration).
@Index('client_responsible_stage_due_at', { synchronize: false })
@Index('client_department_stage_due_at', { synchronize: false })
@Index('client_stage_due_at', { synchronize: false })
// «Поиск»: a phone's last digits (reversed phone), e-mail by its start, company and contact
// persons by trigrams — written by hand in the SearchIndexes migration.
@Index('client_phone_reverse', { synchronize: false })
@Index('client_email_lower', { synchronize: false })
@Index('client_company_trgm', { synchronize: false })
@Index('client_contacts_trgm', { synchronize: false })
// Possible duplicates (ClientRepository.duplicates): contact persons' phones and e-mails, the
// normalised company name, equal and by trigrams — written by hand in the ImportBitrixIds migration.
@Index('client_contact_keys', { synchronize: false })
@Index('client_normalized_name', { synchronize: false })
@Index('client_normalized_name_trgm', { synchronize: false })
@Check('client_company_name_not_blank', `btrim(company_name) <> ''`)
@Check('client_source_not_blank', `btrim(source) <> ''`)
@Check('client_source_from_lead', `created_from_lead_id IS NULL OR source = '${LEAD_SOURCE_LABEL}'`)
@Check('client_phone_e164', `phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'`)
@Check('client_email_valid', `email IS NULL OR email ~* '${EMAIL_PATTERN}'`)
@Check('client_inn_format', `inn IS NULL OR inn ~ '^([0-9]{10}|[0-9]{12})$'`)
@Check('client_inn_block', `inn_enabled OR inn IS NULL`)
@Check(
  'client_turnover_block',
  `turnover_enabled OR (turnover_value IS NULL AND turnover_unit IS NULL AND turnover_year IS NULL)`,
)
@Check('client_turnover_value', `turnover_value IS NULL OR turnover_value >= 0`)
@Check('client_turnover_year', `turnover_year IS NULL OR turnover_year BETWEEN 1990 AND 2100`)
@Check('client_info_block', `info_enabled OR info IS NULL`)
@Check('client_address_block', `address_enabled OR address IS NULL`)
@Check('client_contacts_array', `jsonb_typeof(contacts) = 'array'`)
@Check('client_inactive_reason', `(inactive_reason IS NULL) = (resume_stage_id IS NULL)`)
export class Client extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** «Дата добавления контакта»: the conversion date, or the day the card was made by hand. */
  @Column({ type: 'date' })
  addedOn!: string;

  /** «Источник контакта». */
  @Column({ type: 'varchar', length: 200 })
  source!: string;

  /** The lead this card was made from; its source is then «Форма обратной связи», read-only. */
  @Column({ type: 'integer', nullable: true })
  createdFromLeadId!: number | null;

  // By name: Lead refers to Client too, and two entity files must not load each other.
  @OneToOne('Lead', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_from_lead_id' })
  createdFromLead!: Relation<Lead> | null;

  /** «Наименование компании». */
  @Column({ type: 'varchar', length: 300 })
  companyName!: string;

  /** «Профиль клиента»: decides the pipeline. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  sectorId!: number | null;

  @ManyToOne(() => ClientSector, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sector_id' })
  sector!: Relation<ClientSector> | null;

  /** «Профиль компании». */
  @Column({ type: 'integer', nullable: true })
  companyProfileId!: number | null;

  @ManyToOne(() => CompanyProfile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_profile_id' })
  companyProfile!: Relation<CompanyProfile> | null;

  /** «Категория товара». */
  @Column({ type: 'integer', nullable: true })
  productCategoryId!: number | null;

  @ManyToOne(() => ProductCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_category_id' })
  productCategory!: Relation<ProductCategory> | null;

  /** The department the client belongs to (its lead's, or chosen by hand): reports count by it. */
  @Index()
  @Column({ type: 'integer' })
  departmentId!: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  responsibleUserId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_user_id' })
  responsibleUser!: Relation<User> | null;

  /** «Телефон», in E.164. */
  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  /** «Почта», lower case. */
  @Index()
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** «Товарооборот» mini-block. */
  @Column({ type: 'boolean', default: false })
  turnoverEnabled!: boolean;

  @Column({ type: 'numeric', precision: 18, scale: 3, nullable: true })
  turnoverValue!: string | null;

  @Column({ type: 'enum', enum: turnoverUnits, enumName: 'client_turnover_unit', nullable: true })
  turnoverUnit!: TurnoverUnit | null;

  @Column({ type: 'smallint', nullable: true })
  turnoverYear!: number | null;

  /** «ИНН» mini-block: unique among clients. */
  @Column({ type: 'boolean', default: false })
  innEnabled!: boolean;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  inn!: string | null;

  /** «Информация о компании» mini-block. */
  @Column({ type: 'boolean', default: false })
  infoEnabled!: boolean;

  @Column({ type: 'text', nullable: true })
  info!: string | null;

  /** «Адрес» mini-block. */
  @Column({ type: 'boolean', default: false })
  addressEnabled!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  /** «ФИО» and «Должность» mini-blocks: they show the contact persons' names and positions. */
  @Column({ type: 'boolean', default: false })
  fullNameEnabled!: boolean;

  @Column({ type: 'boolean', default: false })
  positionEnabled!: boolean;

  /** The contact persons, in order («добавить контактное лицо» adds one). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  contacts!: ContactPerson[];

  /** «Статус клиента»: the pipeline (from the sector), its stage and the stage's detail item. */
  @Column({ type: 'integer' })
  pipelineId!: number;

  @ManyToOne(() => Pipeline, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pipeline_id' })
  pipeline!: Relation<Pipeline>;

  @Index()
  @Column({ type: 'integer' })
  stageId!: number;

  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stage_id' })
  stage!: Relation<Stage>;

  @Column({ type: 'integer', nullable: true })
  stageItemId!: number | null;

  /**
   * The kind of the current stage (open, won = «Договор подписан», lost = «Не активен»), kept with
   * the stage (the trigger checks it) so that lists, filters and the offered actions can use it.
   */
  @Index()
  @Column({ type: 'enum', enum: stageKinds, enumName: 'stage_kind', default: 'open' })
  stageKind!: StageKind;

  @ManyToOne(() => StageItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stage_item_id' })
  stageItem!: Relation<StageItem> | null;

  /** «Не активен»: why, and the stage (and item) to go back to on «Активировать». */
  @Column({ type: 'text', nullable: true })
  inactiveReason!: string | null;

  @Column({ type: 'integer', nullable: true })
  resumeStageId!: number | null;

  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resume_stage_id' })
  resumeStage!: Relation<Stage> | null;

  @Column({ type: 'integer', nullable: true })
  resumeStageItemId!: number | null;

  @ManyToOne(() => StageItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resume_stage_item_id' })
  resumeStageItem!: Relation<StageItem> | null;

  /** After the contract is signed: «Оплата обеспечительного платежа» and «Подписание акта приёма-передачи». */
  @Column({ type: 'boolean', nullable: true })
  depositPaid!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  acceptanceActSigned!: boolean | null;

  /**
   * Since when the client is at its stage, and by when it should move on: the stage's «Срок на
   * этапе, рабочих дней» in working time (null at a stage without a limit and at won / lost
   * stages). Kept by the trigger `client_stage_deadline` for every write; never edited by hand.
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  stageSince!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  stageDueAt!: Date | null;

  /** «ID в Битрикс24»: the record an import brought from there; one record per ID (a re-import skips it). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  bitrixId!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;
}
