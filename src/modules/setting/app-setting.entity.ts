import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Values the app keeps for itself across restarts and instances (generated secrets, seed versions). */
@Entity('app_setting')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
