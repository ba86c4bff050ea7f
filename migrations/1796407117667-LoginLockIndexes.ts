import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginLockIndexes1796407117667 implements MigrationInterface {
  name = 'LoginLockIndexes1796407117667';
  // Written by hand (the statements are what `migration:generate` writes, built CONCURRENTLY):
  // login_attempt keeps every attempt, and logins go on while the indexes are built.
  // Partial indexes for the login limits (AuthService.isLocked): the failures they count, and the
  // successes that make an address known to an account.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "login_attempt_success_email_ip_at" ON "login_attempt" ("email", "ip", "attempted_at") WHERE succeeded',
    );
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "login_attempt_failure_ip_at" ON "login_attempt" ("ip", "attempted_at") WHERE NOT succeeded AND NOT locked',
    );
    await queryRunner.query(
      'CREATE INDEX CONCURRENTLY "login_attempt_failure_email_at" ON "login_attempt" ("email", "attempted_at") WHERE NOT succeeded AND NOT locked',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."login_attempt_failure_email_at"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."login_attempt_failure_ip_at"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."login_attempt_success_email_ip_at"');
  }
}
