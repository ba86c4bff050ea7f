import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimitCounter1796481000000 implements MigrationInterface {
  name = 'RateLimitCounter1796481000000';
  // Generated (numbered after DashboardIndexes, whose number is ahead of the clock), then made
  // UNLOGGED by hand: the public form's per-IP counters need no crash safety, and each hit then
  // costs no write-ahead log flush. TypeORM's schema comparison does not look at it.

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE UNLOGGED TABLE "rate_limit_counter" ("key" text NOT NULL, "hits" integer NOT NULL, "resets_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "rate_limit_counter_hits_not_negative" CHECK (hits >= 0), CONSTRAINT "PK_5bfa3ad3fe33321b1d17eae4746" PRIMARY KEY ("key"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "rate_limit_counter"');
  }
}
