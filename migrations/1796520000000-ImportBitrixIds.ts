import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an import from Bitrix24 needs of the schema: each lead, client and deal keeps its Bitrix24
 * ID (one record per ID, so a re-run skips what it wrote), and the duplicate search of client
 * cards (ClientRepository.duplicates), called per imported row, reads indexes instead of the
 * whole table: the contact persons' phones and e-mails, and the normalised company name for
 * equality and for trigram similarity. The expression is client-duplicates.ts's normalizedName,
 * written out here so that the migration never changes with the code.
 */
export class ImportBitrixIds1796520000000 implements MigrationInterface {
  name = 'ImportBitrixIds1796520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['lead', 'client', 'deal']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "bitrix_id" character varying(50)`);
      await queryRunner.query(
        `CREATE UNIQUE INDEX "${table}_bitrix_id" ON "${table}" ("bitrix_id") WHERE bitrix_id IS NOT NULL`,
      );
    }
    // The contact persons' phones (E.164), e-mails (lower case) and, for persons an import brought,
    // Bitrix24 IDs («bitrix:123») of a card, as one array.
    await queryRunner.query(`CREATE FUNCTION client_contact_keys(contacts jsonb) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(key), '{}') FROM (
          SELECT person->>'phone' AS key FROM jsonb_array_elements(contacts) person WHERE person->>'phone' IS NOT NULL
          UNION ALL
          SELECT lower(person->>'email') FROM jsonb_array_elements(contacts) person WHERE person->>'email' IS NOT NULL
          UNION ALL
          SELECT 'bitrix:' || (person->>'bitrixId') FROM jsonb_array_elements(contacts) person WHERE person->>'bitrixId' IS NOT NULL
        ) keys
      $$`);
    await queryRunner.query(
      'CREATE INDEX "client_contact_keys" ON "client" USING gin (client_contact_keys("contacts"))',
    );
    const name = `btrim(regexp_replace(regexp_replace(lower("company_name"), '(^|[^а-яёa-z0-9])(ооо|оао|зао|пао|ао|ип|нко|ltd|llc)(?=[^а-яёa-z0-9]|$)', ' ', 'g'), '[^а-яёa-z0-9]+', ' ', 'g'))`;
    await queryRunner.query(`CREATE INDEX "client_normalized_name" ON "client" ((${name}))`);
    await queryRunner.query(
      `CREATE INDEX "client_normalized_name_trgm" ON "client" USING gin ((${name}) gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."client_normalized_name_trgm"');
    await queryRunner.query('DROP INDEX "public"."client_normalized_name"');
    await queryRunner.query('DROP INDEX "public"."client_contact_keys"');
    await queryRunner.query('DROP FUNCTION client_contact_keys(jsonb)');
    for (const table of ['deal', 'client', 'lead']) {
      await queryRunner.query(`DROP INDEX "public"."${table}_bitrix_id"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "bitrix_id"`);
    }
  }
}
