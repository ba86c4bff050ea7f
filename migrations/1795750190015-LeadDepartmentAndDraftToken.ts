import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadDepartmentAndDraftToken1795750190015 implements MigrationInterface {
  name = 'LeadDepartmentAndDraftToken1795750190015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"department_id\" integer");
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"draft_token\" uuid");
    await queryRunner.query("CREATE INDEX \"IDX_5ab518866404a45c4e96e7e423\" ON \"lead\" (\"department_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_6f179dcb9ec1c7805434ff21e3\" ON \"lead\" (\"draft_token\") ");
    // Added by hand: existing leads take their object type's department, and submitted leads must
    // have one (TypeORM does not notice a changed CHECK expression).
    await queryRunner.query(
      'UPDATE "lead" l SET "department_id" = o."department_id" FROM "object_type" o WHERE o."id" = l."object_type_id"',
    );
    await queryRunner.query('ALTER TABLE "lead" DROP CONSTRAINT "lead_submitted_has_essentials"');
    await queryRunner.query(
      `ALTER TABLE "lead" ADD CONSTRAINT "lead_submitted_has_essentials" CHECK (status = 'draft' OR (object_type_id IS NOT NULL AND department_id IS NOT NULL AND submitted_at IS NOT NULL AND (phone IS NOT NULL OR email IS NOT NULL)))`,
    );
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"lead_department_with_object_type\" CHECK ((object_type_id IS NULL) = (department_id IS NULL))");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"FK_5ab518866404a45c4e96e7e4238\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"FK_5ab518866404a45c4e96e7e4238\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"lead_department_with_object_type\"");
    await queryRunner.query('ALTER TABLE "lead" DROP CONSTRAINT "lead_submitted_has_essentials"');
    await queryRunner.query(
      `ALTER TABLE "lead" ADD CONSTRAINT "lead_submitted_has_essentials" CHECK (status = 'draft' OR (object_type_id IS NOT NULL AND submitted_at IS NOT NULL AND (phone IS NOT NULL OR email IS NOT NULL)))`,
    );
    await queryRunner.query("DROP INDEX \"public\".\"IDX_6f179dcb9ec1c7805434ff21e3\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5ab518866404a45c4e96e7e423\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"draft_token\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"department_id\"");
  }
}
