import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttemptLocked1795745454459 implements MigrationInterface {
  name = 'LoginAttemptLocked1795745454459';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"login_attempt\" ADD \"locked\" boolean NOT NULL DEFAULT false");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"login_attempt\" DROP COLUMN \"locked\"");
  }
}
