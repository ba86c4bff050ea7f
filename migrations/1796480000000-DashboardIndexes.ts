import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardIndexes1796480000000 implements MigrationInterface {
  name = 'DashboardIndexes1796480000000';
  // Written by hand, built CONCURRENTLY (leads keep coming while they are built): the week's
  // figures of a department (DepartmentWeek, the committee home, the committee report) read
  // only these indexes, not the lead rows.
  // - leads received: the department's leads by submission, with their object type;
  // - leads processed: since when a processed lead is processed (status_since), with its outcome;
  // - clients by stage and item now (the funnels of a period that ends today).
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "lead_department_submitted_type" ON "lead" ("department_id", "submitted_at") INCLUDE ("object_type_id")',
    );
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_department_submitted_at"');
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "lead_department_processed" ON "lead" ("department_id", "status_since") INCLUDE ("outcome") WHERE status = 'processed'`,
    );
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "client_department_stage_item" ON "client" ("department_id", "stage_id", "stage_item_id")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_department_stage_item"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_department_processed"');
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "lead_department_submitted_at" ON "lead" ("department_id", "submitted_at")',
    );
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_department_submitted_type"');
  }
}
