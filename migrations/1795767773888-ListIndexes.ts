import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListIndexes1795767773888 implements MigrationInterface {
  name = 'ListIndexes1795767773888';
  // Written by hand: the indexes are built without locking the tables against writes (a database
  // with a million leads keeps taking them during the upgrade), which cannot run in a transaction.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"lead_department_created_at\" ON \"lead\" (\"department_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"lead_created_at\" ON \"lead\" (\"created_at\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"client_sector_added_on\" ON \"client\" (\"sector_id\", \"added_on\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"client_stage_added_on\" ON \"client\" (\"stage_id\", \"added_on\") ");
    await queryRunner.query("CREATE INDEX CONCURRENTLY \"client_added_on\" ON \"client\" (\"added_on\") ");
    // Written by hand: trigram indexes for «contains» searches in the lead list (pg_trgm is
    // installed by the ClientsAndStatuses migration).
    await queryRunner.query('CREATE INDEX CONCURRENTLY "lead_company_trgm" ON "lead" USING gin ("company" gin_trgm_ops)');
    await queryRunner.query('CREATE INDEX CONCURRENTLY "lead_phone_trgm" ON "lead" USING gin ("phone" gin_trgm_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_phone_trgm"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_company_trgm"');
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"client_added_on\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"client_stage_added_on\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"client_sector_added_on\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"lead_created_at\"");
    await queryRunner.query("DROP INDEX CONCURRENTLY \"public\".\"lead_department_created_at\"");
  }
}
