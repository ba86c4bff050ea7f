import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { EMAIL_LIST_PATTERN, EMAIL_PATTERN } from '../../../database/email-pattern.js';
import { TimestampedEntity } from '../../../database/timestamped.entity.js';

/** A structural unit of the park (docs/product.md §5): receives lead notifications and committee reports. */
@Entity('department')
@Check('department_name_not_blank', `btrim(name) <> ''`)
@Check('department_manager_emails_valid', `array_to_string(manager_emails, ',') ~* '${EMAIL_LIST_PATTERN}'`)
@Check(
  'department_committee_emails_valid',
  `array_to_string(committee_emails, ',') ~* '${EMAIL_LIST_PATTERN}'`,
)
@Check('department_head_email_valid', `head_email IS NULL OR head_email ~* '${EMAIL_PATTERN}'`)
export class Department extends TimestampedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  /** «Кому»: the managers who receive a new lead's notification. */
  @Column({ type: 'varchar', length: 254, array: true, default: () => `'{}'` })
  managerEmails!: string[];

  /** «Копия»: the head of the unit. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  headEmail!: string | null;

  /** Who receives the committee reports of this department. */
  @Column({ type: 'varchar', length: 254, array: true, default: () => `'{}'` })
  committeeEmails!: string[];

  @Column({ type: 'smallint', default: 0 })
  position!: number;
}
