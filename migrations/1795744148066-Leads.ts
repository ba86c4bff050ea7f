import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Leads1795744148066 implements MigrationInterface {
  name = 'Leads1795744148066';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"lead_status\" AS ENUM('draft', 'new', 'qualifying', 'processed')");
    await queryRunner.query("CREATE TYPE \"public\".\"lead_source\" AS ENUM('form', 'manual')");
    await queryRunner.query("CREATE TYPE \"public\".\"lead_outcome\" AS ENUM('inactive', 'convert')");
    await queryRunner.query("CREATE TABLE \"lead\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"status\" \"public\".\"lead_status\" NOT NULL DEFAULT 'draft', \"source\" \"public\".\"lead_source\" NOT NULL, \"name\" character varying(200), \"company\" character varying(300), \"phone\" character varying(16), \"email\" character varying(254), \"object_type_id\" integer, \"extra\" character varying(5000), \"consent_text_version\" character varying(20), \"consent_at\" TIMESTAMP WITH TIME ZONE, \"consent_ip\" character varying(64), \"responsible_user_id\" integer, \"submitted_at\" TIMESTAMP WITH TIME ZONE, \"primary_result\" text, \"primary_result_date\" date, \"summary\" text, \"summary_date\" date, \"outcome\" \"public\".\"lead_outcome\", \"version\" integer NOT NULL DEFAULT '1', CONSTRAINT \"lead_email_valid\" CHECK (email IS NULL OR email ~* '^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$'), CONSTRAINT \"lead_phone_e164\" CHECK (phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'), CONSTRAINT \"lead_outcome_only_when_processed\" CHECK (outcome IS NULL OR status = 'processed'), CONSTRAINT \"lead_summary_required\" CHECK (status <> 'processed' OR (btrim(summary) <> '' AND summary_date IS NOT NULL AND outcome IS NOT NULL)), CONSTRAINT \"lead_primary_result_required\" CHECK (status NOT IN ('qualifying', 'processed') OR (btrim(primary_result) <> '' AND primary_result_date IS NOT NULL)), CONSTRAINT \"lead_form_consent\" CHECK (source <> 'form' OR status = 'draft' OR consent_at IS NOT NULL), CONSTRAINT \"lead_submitted_has_essentials\" CHECK (status = 'draft' OR (object_type_id IS NOT NULL AND submitted_at IS NOT NULL AND (phone IS NOT NULL OR email IS NOT NULL))), CONSTRAINT \"PK_ca96c1888f7dcfccab72b72fffa\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_159697b6fe07caac54c686432f\" ON \"lead\" (\"object_type_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_dad81de0f201c28195d685de90\" ON \"lead\" (\"responsible_user_id\") ");
    await queryRunner.query("CREATE INDEX \"lead_status_created_at\" ON \"lead\" (\"status\", \"created_at\") ");
    // lead_status is shared by lead and lead_status_change: created once above (TypeORM generates it twice).
    await queryRunner.query("CREATE TABLE \"lead_status_change\" (\"id\" BIGSERIAL NOT NULL, \"lead_id\" integer NOT NULL, \"from_status\" \"public\".\"lead_status\", \"to_status\" \"public\".\"lead_status\" NOT NULL, \"user_id\" integer, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b9a15c4cd03245f224907201721\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_5199a8c53dcb3c674caa4d6eac\" ON \"lead_status_change\" (\"user_id\") ");
    await queryRunner.query("CREATE INDEX \"lead_status_change_lead_at\" ON \"lead_status_change\" (\"lead_id\", \"changed_at\") ");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"FK_159697b6fe07caac54c686432ff\" FOREIGN KEY (\"object_type_id\") REFERENCES \"object_type\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"FK_dad81de0f201c28195d685de909\" FOREIGN KEY (\"responsible_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"lead_status_change\" ADD CONSTRAINT \"FK_6652d5e4e906a13d8428792191e\" FOREIGN KEY (\"lead_id\") REFERENCES \"lead\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"lead_status_change\" ADD CONSTRAINT \"FK_5199a8c53dcb3c674caa4d6eac4\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"lead_status_change\" DROP CONSTRAINT \"FK_5199a8c53dcb3c674caa4d6eac4\"");
    await queryRunner.query("ALTER TABLE \"lead_status_change\" DROP CONSTRAINT \"FK_6652d5e4e906a13d8428792191e\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"FK_dad81de0f201c28195d685de909\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"FK_159697b6fe07caac54c686432ff\"");
    await queryRunner.query("DROP INDEX \"public\".\"lead_status_change_lead_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5199a8c53dcb3c674caa4d6eac\"");
    await queryRunner.query("DROP TABLE \"lead_status_change\"");
    await queryRunner.query("DROP INDEX \"public\".\"lead_status_created_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_dad81de0f201c28195d685de90\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_159697b6fe07caac54c686432f\"");
    await queryRunner.query("DROP TABLE \"lead\"");
    await queryRunner.query("DROP TYPE \"public\".\"lead_outcome\"");
    await queryRunner.query("DROP TYPE \"public\".\"lead_source\"");
    await queryRunner.query("DROP TYPE \"public\".\"lead_status\"");
  }
}
