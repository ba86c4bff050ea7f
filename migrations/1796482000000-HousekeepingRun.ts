import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HousekeepingRun1796482000000 implements MigrationInterface {
  name = 'HousekeepingRun1796482000000';
  // Generated (numbered after DashboardIndexes, whose number is ahead of the clock); the index
  // on login_attempt that came with it is LoginAttemptAtIndex, built concurrently.

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "housekeeping_run" ("scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "deleted" jsonb, CONSTRAINT "PK_33a95f6fe748dfc72bcdc429003" PRIMARY KEY ("scheduled_at"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "housekeeping_run"');
  }
}
