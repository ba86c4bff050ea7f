import { BaseEntity, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Every table a person edits records when its rows were created and last changed.
 * Extends BaseEntity because @adminjs/typeorm works with active-record entities.
 */
export abstract class TimestampedEntity extends BaseEntity {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
