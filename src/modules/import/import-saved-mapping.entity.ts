import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';

import { User } from '../user/entities/user.entity.js';
import type { ImportKind } from './import-contract.js';
import { importKinds } from './import-job.entity.js';

/** A column mapping saved by its user for reuse («Битрикс24 — лиды»), by header names. */
@Entity('import_mapping')
@Unique('import_mapping_user_kind_name', ['userId', 'kind', 'name'])
@Check('import_mapping_name_not_blank', `btrim(name) <> ''`)
@Check('import_mapping_kind', `kind IN (${importKinds.map((kind) => `'${kind}'`).join(', ')})`)
export class ImportSavedMapping {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ImportKind;

  /** Header name → field key. */
  @Column({ type: 'jsonb' })
  columns!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
