import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const auditActions = ['insert', 'update', 'delete'] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Who created, changed or deleted what: one row per changed record of the CRM, the dictionaries
 * and the users, written by the database itself (trigger `audit_row`, migration AuditLog), so
 * no way of changing a record escapes it. An update keeps only the fields that changed, with
 * their old and new values; password hashes appear as changed, never with their values. The
 * user is the one logged in for the request (set per transaction as `app.user_id`); for a
 * visitor of the public form changing their existing draft, no user and the label «Посетитель
 * формы, IP …» (`app.visitor`); nobody for a new lead from the form, seeds and the schedule. A
 * draft key's hash is never recorded.
 */
@Entity('audit_log')
@Index('audit_log_at', ['at'])
@Index('audit_log_record', ['tableName', 'recordId'])
export class AuditLog extends BaseEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** No foreign key: the log outlives the users it names. */
  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  /** Who it was, as they were then (name and e-mail). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  userLabel!: string | null;

  @Column({ type: 'varchar', length: 63 })
  tableName!: string;

  @Column({ type: 'varchar', length: 40 })
  recordId!: string;

  @Column({ type: 'enum', enum: auditActions, enumName: 'audit_action' })
  action!: AuditAction;

  @Column({ type: 'jsonb', nullable: true })
  oldValues!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  newValues!: Record<string, unknown> | null;
}
