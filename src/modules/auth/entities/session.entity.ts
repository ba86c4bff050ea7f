import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The back-office sessions, in the table layout that connect-pg-simple reads and writes. */
@Entity('session')
@Index('session_expire_index', ['expire'])
export class Session {
  @PrimaryColumn({ type: 'varchar' })
  sid!: string;

  @Column({ type: 'json' })
  sess!: Record<string, unknown>;

  @Column({ type: 'timestamp', precision: 6 })
  expire!: Date;
}
