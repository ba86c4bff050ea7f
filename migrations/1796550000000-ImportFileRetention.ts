import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import's uploaded file is deleted by the housekeeping once nothing reads it any more (a done or
 * undone import, IMPORT_KEEP_DAYS after it ended): `file_path` is then null. The job, its ledger and
 * its reports stay.
 */
export class ImportFileRetention1796550000000 implements MigrationInterface {
  name = 'ImportFileRetention1796550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_job" ALTER COLUMN "file_path" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "import_job" WHERE "file_path" IS NULL`);
    await queryRunner.query(`ALTER TABLE "import_job" ALTER COLUMN "file_path" SET NOT NULL`);
  }
}
