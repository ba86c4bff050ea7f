import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttemptCleared1796484000000 implements MigrationInterface {
  name = 'LoginAttemptCleared1796484000000';
  // Failures cleared by a password reset stop counting towards login locks (AuthService.isLocked).
  // Numbered after DashboardIndexes, whose hand-written number is later than the clock was.

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "login_attempt" ADD "cleared_at" TIMESTAMP WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "login_attempt" DROP COLUMN "cleared_at"');
  }
}
