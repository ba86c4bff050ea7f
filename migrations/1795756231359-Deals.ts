import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deals1795756231359 implements MigrationInterface {
  name = 'Deals1795756231359';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added by hand: the exclusion constraint on (premises_id =, occupancy &&) needs btree_gist.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query("CREATE TYPE \"public\".\"deal_kind\" AS ENUM('loi', 'contract')");
    await queryRunner.query("CREATE TYPE \"public\".\"deal_status\" AS ENUM('draft', 'signed', 'closed', 'cancelled')");
    await queryRunner.query("CREATE TABLE \"deal\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"client_id\" integer NOT NULL, \"kind\" \"public\".\"deal_kind\" NOT NULL, \"status\" \"public\".\"deal_status\" NOT NULL DEFAULT 'draft', \"deal_date\" date NOT NULL, \"starts_on\" date NOT NULL, \"responsible_user_id\" integer, \"total\" numeric(16,2) NOT NULL DEFAULT '0', \"signed_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"cancelled_at\" TIMESTAMP WITH TIME ZONE, \"version\" integer NOT NULL DEFAULT '1', CONSTRAINT \"deal_signed_at\" CHECK ((status = 'draft') = (signed_at IS NULL)), CONSTRAINT \"deal_total_not_negative\" CHECK (total >= 0), CONSTRAINT \"PK_9ce1c24acace60f6d7dc7a7189e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f5bc7186697d47424123df8e79\" ON \"deal\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_19e23b148630f4b6c16768dc89\" ON \"deal\" (\"responsible_user_id\") ");
    await queryRunner.query("CREATE INDEX \"deal_client_date\" ON \"deal\" (\"client_id\", \"deal_date\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"deal_line_kind\" AS ENUM('premises', 'ved', '3pl')");
    await queryRunner.query("CREATE TABLE \"deal_line\" (\"id\" SERIAL NOT NULL, \"deal_id\" integer NOT NULL, \"position\" smallint NOT NULL, \"kind\" \"public\".\"deal_line_kind\" NOT NULL, \"premises_id\" integer, \"service_type_id\" integer, \"volume\" text, \"term_years\" smallint NOT NULL, \"cost_per_year\" numeric(14,2) NOT NULL, \"department_id\" integer NOT NULL, \"occupancy\" daterange, CONSTRAINT \"deal_line_occupancy_premises\" CHECK (occupancy IS NULL OR kind = 'premises'), CONSTRAINT \"deal_line_cost\" CHECK (cost_per_year >= 0), CONSTRAINT \"deal_line_term\" CHECK (term_years BETWEEN 1 AND 50), CONSTRAINT \"deal_line_fields_of_kind\" CHECK ((kind = 'premises' AND premises_id IS NOT NULL AND service_type_id IS NULL AND volume IS NULL)\n   OR (kind IN ('ved', '3pl') AND premises_id IS NULL AND service_type_id IS NOT NULL)), CONSTRAINT \"deal_line_premises_occupancy\" EXCLUDE USING gist (\"premises_id\" WITH =, \"occupancy\" WITH &&), CONSTRAINT \"PK_1a783f694a3fbdeba872b573909\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_d4240476ff128882ff195f04ee\" ON \"deal_line\" (\"premises_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7620f2574abe975d7e5a52764a\" ON \"deal_line\" (\"department_id\") ");
    await queryRunner.query("CREATE INDEX \"deal_line_deal_position\" ON \"deal_line\" (\"deal_id\", \"position\") ");
    await queryRunner.query("ALTER TABLE \"deal\" ADD CONSTRAINT \"FK_602dbd31cac4e413109a657dd5e\" FOREIGN KEY (\"client_id\") REFERENCES \"client\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deal\" ADD CONSTRAINT \"FK_19e23b148630f4b6c16768dc89b\" FOREIGN KEY (\"responsible_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deal_line\" ADD CONSTRAINT \"FK_e1adae6027e0cf7425e367e7d55\" FOREIGN KEY (\"deal_id\") REFERENCES \"deal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deal_line\" ADD CONSTRAINT \"FK_d4240476ff128882ff195f04eee\" FOREIGN KEY (\"premises_id\") REFERENCES \"premises\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deal_line\" ADD CONSTRAINT \"FK_9710a55875520e3214d073fbc56\" FOREIGN KEY (\"service_type_id\") REFERENCES \"service_type\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deal_line\" ADD CONSTRAINT \"FK_7620f2574abe975d7e5a52764ac\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"deal_line\" DROP CONSTRAINT \"FK_7620f2574abe975d7e5a52764ac\"");
    await queryRunner.query("ALTER TABLE \"deal_line\" DROP CONSTRAINT \"FK_9710a55875520e3214d073fbc56\"");
    await queryRunner.query("ALTER TABLE \"deal_line\" DROP CONSTRAINT \"FK_d4240476ff128882ff195f04eee\"");
    await queryRunner.query("ALTER TABLE \"deal_line\" DROP CONSTRAINT \"FK_e1adae6027e0cf7425e367e7d55\"");
    await queryRunner.query("ALTER TABLE \"deal\" DROP CONSTRAINT \"FK_19e23b148630f4b6c16768dc89b\"");
    await queryRunner.query("ALTER TABLE \"deal\" DROP CONSTRAINT \"FK_602dbd31cac4e413109a657dd5e\"");
    await queryRunner.query("DROP INDEX \"public\".\"deal_line_deal_position\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7620f2574abe975d7e5a52764a\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d4240476ff128882ff195f04ee\"");
    await queryRunner.query("DROP TABLE \"deal_line\"");
    await queryRunner.query("DROP TYPE \"public\".\"deal_line_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"deal_client_date\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_19e23b148630f4b6c16768dc89\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f5bc7186697d47424123df8e79\"");
    await queryRunner.query("DROP TABLE \"deal\"");
    await queryRunner.query("DROP TYPE \"public\".\"deal_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"deal_kind\"");
  }
}
