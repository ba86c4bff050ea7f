import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DealCancelledDraft1795776160817 implements MigrationInterface {
  name = 'DealCancelledDraft1795776160817';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"deal\" DROP CONSTRAINT \"deal_signed_at\"");
    await queryRunner.query("ALTER TABLE \"deal\" ADD CONSTRAINT \"deal_signed_unless_draft\" CHECK (status = 'cancelled' OR (status = 'draft') = (signed_at IS NULL))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"deal\" DROP CONSTRAINT \"deal_signed_unless_draft\"");
    // Hand-written: a draft cancelled since has no signing time, which the old rule demands.
    await queryRunner.query(
      "UPDATE \"deal\" SET \"signed_at\" = \"cancelled_at\" WHERE \"status\" = 'cancelled' AND \"signed_at\" IS NULL",
    );
    await queryRunner.query("ALTER TABLE \"deal\" ADD CONSTRAINT \"deal_signed_at\" CHECK (((status = 'draft'::deal_status) = (signed_at IS NULL)))");
  }
}
