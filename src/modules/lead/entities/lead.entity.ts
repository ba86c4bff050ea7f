import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

import { Client } from '../../client/entities/client.entity.js';
import { EMAIL_PATTERN } from '../../../database/email-pattern.js';
import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Department } from '../../dictionary/entities/department.entity.js';
import { ObjectType } from '../../dictionary/entities/object-type.entity.js';
import { User } from '../../user/entities/user.entity.js';
import { leadOutcomes, leadStatuses, type LeadOutcome, type LeadStatus } from '../lead-transitions.js';

export const leadSources = ['form', 'manual'] as const;
export type LeadSource = (typeof leadSources)[number];

/**
 * A request from the public form or a call (docs/product.md §1). The status changes only through
 * LeadService; the CHECKs below hold whatever writes the row.
 */
@Entity('lead')
// An import's re-run finds what it wrote by Bitrix24's ID (ImportBitrixIds migration).
@Index('lead_bitrix_id', ['bitrixId'], { unique: true, where: 'bitrix_id IS NOT NULL' })
@Index('lead_status_created_at', ['status', 'createdAt'])
// The lead list: newest first, whole or by department (the count uses the same indexes).
@Index('lead_created_at', ['createdAt'])
@Index('lead_department_created_at', ['departmentId', 'createdAt'])
// «Лиды — канбан»: a status column of one department, in arrival order.
@Index('lead_department_status_created_at', ['departmentId', 'status', 'createdAt'])
// Reports: the leads received in a period, of a department (with the object type: read from the
// index alone) or of all; a department's leads processed in a period (status_since of processed
// leads, with the outcome) — written by hand in the DashboardIndexes migration (INCLUDE, WHERE).
@Index('lead_department_submitted_type', { synchronize: false })
@Index('lead_submitted_at', ['submittedAt'])
@Index('lead_department_processed', { synchronize: false })
// Reports: the leads a period's end found waiting and that moved on since.
@Index('lead_updated_at', ['updatedAt'])
// «contains» searches of the list (company, phone): trigram GIN indexes, written by hand in the
// migration (TypeORM cannot describe an operator class).
@Index('lead_company_trgm', { synchronize: false })
@Index('lead_phone_trgm', { synchronize: false })
// Counters and reminders: overdue leads of a department, of a manager, and those that just became
// overdue — partial indexes over the leads that have a deadline (written by hand in the Deadlines
// migration, which TypeORM's comparison of partial index conditions cannot be trusted with).
@Index('lead_department_due_at', { synchronize: false })
@Index('lead_responsible_due_at', { synchronize: false })
@Index('lead_due_at', { synchronize: false })
// «Поиск»: a phone's last digits (reversed phone), e-mail and person name by their start, person name by trigrams —
// written by hand in the SearchIndexes migration.
@Index('lead_phone_reverse', { synchronize: false })
@Index('lead_email_lower', { synchronize: false })
@Index('lead_name_lower', { synchronize: false })
@Index('lead_name_trgm', { synchronize: false })
@Check(
  'lead_submitted_has_essentials',
  `status = 'draft' OR (object_type_id IS NOT NULL AND department_id IS NOT NULL AND submitted_at IS NOT NULL AND (phone IS NOT NULL OR email IS NOT NULL))`,
)
@Check('lead_department_with_object_type', `(object_type_id IS NULL) = (department_id IS NULL)`)
@Check('lead_form_consent', `source <> 'form' OR status = 'draft' OR consent_at IS NOT NULL`)
@Check(
  'lead_primary_result_required',
  `status NOT IN ('qualifying', 'processed') OR (btrim(primary_result) <> '' AND primary_result_date IS NOT NULL)`,
)
@Check(
  'lead_summary_required',
  `status <> 'processed' OR (btrim(summary) <> '' AND summary_date IS NOT NULL AND outcome IS NOT NULL)`,
)
@Check('lead_outcome_only_when_processed', `outcome IS NULL OR status = 'processed'`)
@Check('lead_client_when_converted', `client_id IS NULL OR outcome = 'convert'`)
@Check(
  'lead_draft_token_hash_valid',
  `draft_token_hash IS NULL OR (source = 'form' AND octet_length(draft_token_hash) = 32)`,
)
@Check('lead_draft_token_revoked_has_hash', `draft_token_revoked_at IS NULL OR draft_token_hash IS NOT NULL`)
@Check('lead_phone_e164', `phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'`)
@Check('lead_email_valid', `email IS NULL OR email ~* '${EMAIL_PATTERN}'`)
export class Lead extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'enum', enum: leadStatuses, enumName: 'lead_status', default: 'draft' })
  status!: LeadStatus;

  @Column({ type: 'enum', enum: leadSources, enumName: 'lead_source' })
  source!: LeadSource;

  /** «Имя». */
  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  /** «Компания». */
  @Column({ type: 'varchar', length: 300, nullable: true })
  company!: string | null;

  /** «Телефон», in E.164. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  /** «Эл.почта». */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** «Тип объекта»: decides the department that receives the lead. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  objectTypeId!: number | null;

  @ManyToOne(() => ObjectType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'object_type_id' })
  objectType!: Relation<ObjectType> | null;

  /**
   * The department the lead is routed to: the object type's department when the type was chosen
   * (kept as it was then, should the dictionary change later). Lists filter by it.
   */
  @Index()
  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department> | null;

  /**
   * SHA-256 of the key the public form's page holds while it autosaves a draft (draft-token.ts):
   * each save updates the same draft, and the final submission sends it to «Новый». The key itself
   * is never stored. Never selected by default, so no list, record page or reference carries it.
   */
  @Index('lead_draft_token_hash', { unique: true })
  @Column({ type: 'bytea', nullable: true, select: false })
  draftTokenHash!: Buffer | null;

  /** When a staff member took the draft over («Отправить в работу»): its key is refused since (409). */
  @Column({ type: 'timestamptz', nullable: true })
  draftTokenRevokedAt!: Date | null;

  /** «Дополнительные данные». */
  @Column({ type: 'varchar', length: 5000, nullable: true })
  extra!: string | null;

  /** 152-ФЗ consent: which text version, when, from where. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  consentTextVersion!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  consentIp!: string | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  responsibleUserId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_user_id' })
  responsibleUser!: Relation<User> | null;

  /** When the lead became «Новый». */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** «Результат первичной обработки» and its «Дата обработки» (new → qualifying). */
  @Column({ type: 'text', nullable: true })
  primaryResult!: string | null;

  @Column({ type: 'date', nullable: true })
  primaryResultDate!: string | null;

  /** «Итог» and its «Дата обработки» (qualifying → processed). */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'date', nullable: true })
  summaryDate!: string | null;

  /** «Префикс итоговой обработки». */
  @Column({ type: 'enum', enum: leadOutcomes, enumName: 'lead_outcome', nullable: true })
  outcome!: LeadOutcome | null;

  /** The client card this lead became or was linked to («Преобразовать в клиента»). */
  @Index()
  @Column({ type: 'integer', nullable: true })
  clientId!: number | null;

  @ManyToOne(() => Client, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'client_id' })
  client!: Relation<Client> | null;

  /**
   * Since when the lead is in its status, and by when it must leave it: the status's
   * «Сроки обработки лидов» in working time (null for a status without a limit). Both kept by the
   * trigger `lead_deadline` for every write; never edited by hand.
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusSince!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** Two managers saving the same lead: the second one's stale version is refused. */
  /** «ID в Битрикс24»: the record an import brought from there; one record per ID (a re-import skips it). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  bitrixId!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;
}
