import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1795768212000 implements MigrationInterface {
  name = 'ReportIndexes1795768212000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"lead_updated_at\" ON \"lead\" (\"updated_at\") ");
    await queryRunner.query("CREATE INDEX \"lead_submitted_at\" ON \"lead\" (\"submitted_at\") ");
    await queryRunner.query("CREATE INDEX \"lead_department_submitted_at\" ON \"lead\" (\"department_id\", \"submitted_at\") ");
    await queryRunner.query("CREATE INDEX \"client_status_change_at\" ON \"client_status_change\" (\"changed_at\") ");
    await queryRunner.query("CREATE INDEX \"history_event_created_at\" ON \"history_event\" (\"created_at\") ");
    await queryRunner.query("CREATE INDEX \"deal_signed_at_index\" ON \"deal\" (\"signed_at\") ");
    await queryRunner.query("CREATE INDEX \"lead_status_change_at\" ON \"lead_status_change\" (\"changed_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"lead_status_change_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"deal_signed_at_index\"");
    await queryRunner.query("DROP INDEX \"public\".\"history_event_created_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"client_status_change_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"lead_department_submitted_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"lead_submitted_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"lead_updated_at\"");
  }
}
