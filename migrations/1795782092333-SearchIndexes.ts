import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SearchIndexes1795782092333 implements MigrationInterface {
  name = 'SearchIndexes1795782092333';
  // Written by hand: expression and trigram indexes TypeORM cannot describe, for «Поиск»
  // (src/modules/search/search-sql.ts); built without locking the tables against writes, which
  // cannot run in a transaction. pg_trgm is installed by the ClientsAndStatuses migration.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    // A phone's last digits are the start of the reversed phone: a prefix search of a btree.
    await queryRunner.query('CREATE INDEX CONCURRENTLY "lead_phone_reverse" ON "lead" (reverse("phone") text_pattern_ops)');
    await queryRunner.query('CREATE INDEX CONCURRENTLY "client_phone_reverse" ON "client" (reverse("phone") text_pattern_ops)');
    // An e-mail address, equal or by its start, whatever its case.
    await queryRunner.query('CREATE INDEX CONCURRENTLY "lead_email_lower" ON "lead" (lower("email") text_pattern_ops)');
    await queryRunner.query('CREATE INDEX CONCURRENTLY "client_email_lower" ON "client" (lower("email") text_pattern_ops)');
    // A lead's person name by its start, whatever its case.
    await queryRunner.query('CREATE INDEX CONCURRENTLY "lead_name_lower" ON "lead" (lower("name") text_pattern_ops)');
    // Names and companies, typos forgiven (word similarity); lead_company_trgm exists already.
    await queryRunner.query('CREATE INDEX CONCURRENTLY "lead_name_trgm" ON "lead" USING gin ("name" gin_trgm_ops)');
    await queryRunner.query('CREATE INDEX CONCURRENTLY "client_company_trgm" ON "client" USING gin ("company_name" gin_trgm_ops)');
    // Contact persons (a JSON array): every person's field values but the empty ones as one text —
    // names by similarity, phones and e-mails by LIKE (CONTACTS_TEXT in search-sql.ts).
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "client_contacts_trgm" ON "client" USING gin ((lower(jsonb_path_query_array("contacts", '$[*].* ? (@ != null)')::text)) gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_contacts_trgm"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_company_trgm"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_name_trgm"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_name_lower"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_email_lower"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_email_lower"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."client_phone_reverse"');
    await queryRunner.query('DROP INDEX CONCURRENTLY "public"."lead_phone_reverse"');
  }
}
