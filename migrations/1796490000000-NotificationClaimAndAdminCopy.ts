import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationClaimAndAdminCopy1796490000000 implements MigrationInterface {
  name = 'NotificationClaimAndAdminCopy1796490000000';
  // Written by hand: the generated form recreated the enum type, rewriting the whole outbox under
  // an exclusive lock; adding a value and a nullable column changes only the catalog.
  // - claim: the dispatcher's claim, compared when it records a mail as sent;
  // - lead_unrouted: the administrators' copy of a new lead's mail its department cannot receive.

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notification" ADD "claim" uuid');
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE 'lead_unrouted'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" = 'lead_unrouted'`);
    await queryRunner.query('ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"');
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('lead_created', 'report', 'overdue_digest', 'overdue_item')`,
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::"text"::"public"."notification_kind"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind_old"');
    await queryRunner.query('ALTER TABLE "notification" DROP COLUMN "claim"');
  }
}
