import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1795768212000 implements MigrationInterface {
  name = 'ReportIndexes1795768212000';
  // Written by hand: the indexes are built without locking the tables against writes (a database
  // with a million leads keeps taking them during the upgrade), which cannot run in a transaction.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"lead_updated_at\" ON \"lead\" (\"updated_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"lead_submitted_at\" ON \"lead\" (\"submitted_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"lead_department_submitted_at\" ON \"lead\" (\"department_id\", \"submitted_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"client_status_change_at\" ON \"client_status_change\" (\"changed_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"history_event_created_at\" ON \"history_event\" (\"created_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"deal_signed_at_index\" ON \"deal\" (\"signed_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"lead_status_change_at\" ON \"lead_status_change\" (\"changed_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"lead_status_change_at\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"deal_signed_at_index\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"history_event_created_at\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"client_status_change_at\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"lead_department_submitted_at\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"lead_submitted_at\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"lead_updated_at\"");
  }
}
