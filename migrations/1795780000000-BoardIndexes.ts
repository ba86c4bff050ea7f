import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardIndexes1795780000000 implements MigrationInterface {
  name = 'BoardIndexes1795780000000';
  // Written by hand (the statements are what `migration:generate` writes, built CONCURRENTLY):
  // a database with a million leads keeps taking them while the indexes are built.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "lead_department_status_created_at" ON "lead" ("department_id", "status", "created_at") ',
    );
    await queryRunner.query('CREATE INDEX CONCURRENTLY "client_stage_id_id" ON "client" ("stage_id", "id") ');
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "client_department_stage_id" ON "client" ("department_id", "stage_id", "id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_department_stage_id"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_stage_id_id"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_department_status_created_at"');
  }
}
