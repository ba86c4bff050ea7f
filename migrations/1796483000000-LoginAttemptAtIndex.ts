import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttemptAtIndex1796483000000 implements MigrationInterface {
  name = 'LoginAttemptAtIndex1796483000000';
  // Written by hand (the statement is what `migration:generate` writes, built CONCURRENTLY):
  // login_attempt has kept every attempt until now, and logins go on while the index is built.
  // The housekeeping deletes old attempts oldest first through it; «Попытки входа» lists newest first.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "login_attempt_at" ON "login_attempt" ("attempted_at")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."login_attempt_at"');
  }
}
