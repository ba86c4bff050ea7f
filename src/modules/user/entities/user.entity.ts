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

import { EMAIL_PATTERN } from '../../../database/email-pattern.js';
import { TimestampedEntity } from '../../../database/timestamped.entity.js';
import { Department } from '../../dictionary/entities/department.entity.js';

/** admin: everything; manager: CRM records; committee: reports only. */
export const userRoles = ['admin', 'manager', 'committee'] as const;
export type UserRole = (typeof userRoles)[number];

/** How the back-office and the scripts name the roles. */
export const userRoleLabels: Record<UserRole, string> = {
  admin: 'Администратор',
  manager: 'Менеджер',
  committee: 'Комитет',
};

@Entity('app_user')
@Check('app_user_email_lowercase', `email = lower(email)`)
@Check('app_user_email_valid', `email ~* '${EMAIL_PATTERN}'`)
@Check('app_user_full_name_not_blank', `btrim(full_name) <> ''`)
export class User extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Stored in lower case (CHECK), so the unique key is case-insensitive. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'enum', enum: userRoles, enumName: 'user_role' })
  role!: UserRole;

  @Index()
  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  @ManyToOne(() => Department, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department!: Relation<Department> | null;

  /** argon2id hash; not selected unless asked for, so it never reaches a screen or an API. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
