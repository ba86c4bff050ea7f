import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every row the last «Проверить» refused (`import_check_error`, one per line per job): «Скачать
 * ошибки» before the import, not only the first 50 the check's report lists.
 */
export class ImportCheckErrors1796570000000 implements MigrationInterface {
  name = 'ImportCheckErrors1796570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "import_check_error" ("job_id" integer NOT NULL, "line" integer NOT NULL, "reason" text NOT NULL, "cells" jsonb NOT NULL, CONSTRAINT "PK_203e92074e207511126839597c1" PRIMARY KEY ("job_id", "line"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "import_check_error" ADD CONSTRAINT "FK_59df52bc4253a1fa446cddc197c" FOREIGN KEY ("job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "import_check_error" DROP CONSTRAINT "FK_59df52bc4253a1fa446cddc197c"`,
    );
    await queryRunner.query(`DROP TABLE "import_check_error"`);
  }
}
