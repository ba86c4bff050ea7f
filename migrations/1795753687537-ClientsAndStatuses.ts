import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientsAndStatuses1795753687537 implements MigrationInterface {
  name = 'ClientsAndStatuses1795753687537';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"client_turnover_unit\" AS ENUM('thousand_tonnes', 'rub')");
    await queryRunner.query("CREATE TABLE \"client\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"added_on\" date NOT NULL, \"source\" character varying(200) NOT NULL, \"created_from_lead_id\" integer, \"company_name\" character varying(300) NOT NULL, \"sector_id\" integer, \"company_profile_id\" integer, \"product_category_id\" integer, \"department_id\" integer NOT NULL, \"responsible_user_id\" integer, \"phone\" character varying(16), \"email\" character varying(254), \"turnover_enabled\" boolean NOT NULL DEFAULT false, \"turnover_value\" numeric(18,3), \"turnover_unit\" \"public\".\"client_turnover_unit\", \"turnover_year\" smallint, \"inn_enabled\" boolean NOT NULL DEFAULT false, \"inn\" character varying(12), \"info_enabled\" boolean NOT NULL DEFAULT false, \"info\" text, \"address_enabled\" boolean NOT NULL DEFAULT false, \"address\" character varying(500), \"full_name_enabled\" boolean NOT NULL DEFAULT false, \"position_enabled\" boolean NOT NULL DEFAULT false, \"contacts\" jsonb NOT NULL DEFAULT '[]', \"pipeline_id\" integer NOT NULL, \"stage_id\" integer NOT NULL, \"stage_item_id\" integer, \"stage_kind\" \"public\".\"stage_kind\" NOT NULL DEFAULT 'open', \"inactive_reason\" text, \"resume_stage_id\" integer, \"resume_stage_item_id\" integer, \"deposit_paid\" boolean, \"acceptance_act_signed\" boolean, \"version\" integer NOT NULL DEFAULT '1', CONSTRAINT \"REL_d6a39b86bc88c585d27ee4ac33\" UNIQUE (\"created_from_lead_id\"), CONSTRAINT \"client_inactive_reason\" CHECK ((inactive_reason IS NULL) = (resume_stage_id IS NULL)), CONSTRAINT \"client_contacts_array\" CHECK (jsonb_typeof(contacts) = 'array'), CONSTRAINT \"client_address_block\" CHECK (address_enabled OR address IS NULL), CONSTRAINT \"client_info_block\" CHECK (info_enabled OR info IS NULL), CONSTRAINT \"client_turnover_year\" CHECK (turnover_year IS NULL OR turnover_year BETWEEN 1990 AND 2100), CONSTRAINT \"client_turnover_value\" CHECK (turnover_value IS NULL OR turnover_value >= 0), CONSTRAINT \"client_turnover_block\" CHECK (turnover_enabled OR (turnover_value IS NULL AND turnover_unit IS NULL AND turnover_year IS NULL)), CONSTRAINT \"client_inn_block\" CHECK (inn_enabled OR inn IS NULL), CONSTRAINT \"client_inn_format\" CHECK (inn IS NULL OR inn ~ '^([0-9]{10}|[0-9]{12})$'), CONSTRAINT \"client_email_valid\" CHECK (email IS NULL OR email ~* '^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$'), CONSTRAINT \"client_phone_e164\" CHECK (phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'), CONSTRAINT \"client_source_from_lead\" CHECK (created_from_lead_id IS NULL OR source = 'Форма обратной связи'), CONSTRAINT \"client_source_not_blank\" CHECK (btrim(source) <> ''), CONSTRAINT \"client_company_name_not_blank\" CHECK (btrim(company_name) <> ''), CONSTRAINT \"PK_96da49381769303a6515a8785c7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f7e3a9258a036680c15869d0d4\" ON \"client\" (\"sector_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5358b936c807ede4053b8d9a90\" ON \"client\" (\"department_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5fce00b65bb6b09e4a4fd1a647\" ON \"client\" (\"responsible_user_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_368ca99acdbd5502fc08b3f779\" ON \"client\" (\"phone\") ");
    await queryRunner.query("CREATE INDEX \"IDX_6436cc6b79593760b9ef921ef1\" ON \"client\" (\"email\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_ac8f24b9428d3f12955d7bebaf\" ON \"client\" (\"inn\") ");
    await queryRunner.query("CREATE INDEX \"IDX_fa96a04dde7a1ffb1f8eba5d94\" ON \"client\" (\"stage_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ebecd1da1828d3bd9b9d752377\" ON \"client\" (\"stage_kind\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"client_status_change_kind\" AS ENUM('created', 'item', 'advanced', 'stage_set', 'deactivated', 'activated', 'pipeline_changed', 'contract')");
    await queryRunner.query("CREATE TABLE \"client_status_change\" (\"id\" BIGSERIAL NOT NULL, \"client_id\" integer NOT NULL, \"kind\" \"public\".\"client_status_change_kind\" NOT NULL, \"from_stage\" character varying(200), \"from_item\" character varying(200), \"to_stage\" character varying(200) NOT NULL, \"to_item\" character varying(200), \"remark\" text, \"user_id\" integer, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8edc1aa46876bad54af55714b2f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_906afe236d369e4c4b326cf13f\" ON \"client_status_change\" (\"user_id\") ");
    await queryRunner.query("CREATE INDEX \"client_status_change_client_at\" ON \"client_status_change\" (\"client_id\", \"changed_at\") ");
    await queryRunner.query("CREATE TABLE \"history_event\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"client_id\" integer NOT NULL, \"type_id\" integer NOT NULL, \"comment\" text NOT NULL, \"event_date\" date NOT NULL, \"user_id\" integer, \"attachment_keys\" character varying(500) array NOT NULL DEFAULT '{}', \"attachment_names\" character varying(255) array NOT NULL DEFAULT '{}', \"attachment_mime_types\" character varying(200) array NOT NULL DEFAULT '{}', \"attachment_sizes\" integer array NOT NULL DEFAULT '{}', \"automatic\" boolean NOT NULL DEFAULT false, CONSTRAINT \"history_event_attachments_aligned\" CHECK (cardinality(attachment_keys) = cardinality(attachment_names) AND cardinality(attachment_keys) = cardinality(attachment_mime_types) AND cardinality(attachment_keys) = cardinality(attachment_sizes)), CONSTRAINT \"history_event_comment_not_blank\" CHECK (btrim(comment) <> ''), CONSTRAINT \"PK_7fbfa45c0a68854e44cba8c6497\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_45363858cb8001a774bbb9ad0e\" ON \"history_event\" (\"type_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5a902f6ec0f0c4cc3065831aa5\" ON \"history_event\" (\"user_id\") ");
    await queryRunner.query("CREATE INDEX \"history_event_client_date\" ON \"history_event\" (\"client_id\", \"event_date\") ");
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"client_id\" integer");
    await queryRunner.query("CREATE INDEX \"IDX_fe7277e26e2ed4270fd89f9c47\" ON \"lead\" (\"client_id\") ");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"lead_client_when_converted\" CHECK (client_id IS NULL OR outcome = 'convert')");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"FK_fe7277e26e2ed4270fd89f9c471\" FOREIGN KEY (\"client_id\") REFERENCES \"client\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_d6a39b86bc88c585d27ee4ac339\" FOREIGN KEY (\"created_from_lead_id\") REFERENCES \"lead\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_f7e3a9258a036680c15869d0d47\" FOREIGN KEY (\"sector_id\") REFERENCES \"client_sector\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_b576204e6064d3f240709b9acf2\" FOREIGN KEY (\"company_profile_id\") REFERENCES \"company_profile\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_1b71ebc7ec992aebb76b58e3809\" FOREIGN KEY (\"product_category_id\") REFERENCES \"product_category\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_5358b936c807ede4053b8d9a901\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_5fce00b65bb6b09e4a4fd1a647c\" FOREIGN KEY (\"responsible_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_a93f74bacf3b51dede4f7fba367\" FOREIGN KEY (\"pipeline_id\") REFERENCES \"pipeline\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_fa96a04dde7a1ffb1f8eba5d945\" FOREIGN KEY (\"stage_id\") REFERENCES \"stage\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_cd22660293d4810e2cd18000ce8\" FOREIGN KEY (\"stage_item_id\") REFERENCES \"stage_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_f0f4e9134a2f9b4356e3d767330\" FOREIGN KEY (\"resume_stage_id\") REFERENCES \"stage\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client\" ADD CONSTRAINT \"FK_5f0569dd9024abf5115986af96f\" FOREIGN KEY (\"resume_stage_item_id\") REFERENCES \"stage_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client_status_change\" ADD CONSTRAINT \"FK_95f1893bc4a72edacfa8f94c193\" FOREIGN KEY (\"client_id\") REFERENCES \"client\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client_status_change\" ADD CONSTRAINT \"FK_906afe236d369e4c4b326cf13f3\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"history_event\" ADD CONSTRAINT \"FK_142c618e4f07c101788b5880af3\" FOREIGN KEY (\"client_id\") REFERENCES \"client\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"history_event\" ADD CONSTRAINT \"FK_45363858cb8001a774bbb9ad0e0\" FOREIGN KEY (\"type_id\") REFERENCES \"history_event_type\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"history_event\" ADD CONSTRAINT \"FK_5a902f6ec0f0c4cc3065831aa5a\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    // Added by hand: the stage belongs to the client's pipeline, its kind is the stage's, and the item belongs to the stage (a
    // CHECK cannot look at other tables; TypeORM leaves triggers alone), and pg_trgm for the
    // «very similar company name» search of duplicates.
    await queryRunner.query(`CREATE FUNCTION client_stage_consistency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM stage WHERE id = NEW.stage_id AND pipeline_id = NEW.pipeline_id) THEN
    RAISE EXCEPTION 'stage % is not in pipeline %', NEW.stage_id, NEW.pipeline_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'client_stage_in_pipeline', TABLE = 'client';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM stage WHERE id = NEW.stage_id AND kind = NEW.stage_kind) THEN
    RAISE EXCEPTION 'stage_kind % does not match stage %', NEW.stage_kind, NEW.stage_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'client_stage_kind', TABLE = 'client';
  END IF;
  IF NEW.stage_item_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM stage_item WHERE id = NEW.stage_item_id AND stage_id = NEW.stage_id) THEN
    RAISE EXCEPTION 'item % is not in stage %', NEW.stage_item_id, NEW.stage_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'client_item_in_stage', TABLE = 'client';
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER client_stage_consistency BEFORE INSERT OR UPDATE OF pipeline_id, stage_id, stage_item_id, stage_kind ON client
       FOR EACH ROW EXECUTE FUNCTION client_stage_consistency()`,
    );
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER client_stage_consistency ON client');
    await queryRunner.query('DROP FUNCTION client_stage_consistency()');
    await queryRunner.query("ALTER TABLE \"history_event\" DROP CONSTRAINT \"FK_5a902f6ec0f0c4cc3065831aa5a\"");
    await queryRunner.query("ALTER TABLE \"history_event\" DROP CONSTRAINT \"FK_45363858cb8001a774bbb9ad0e0\"");
    await queryRunner.query("ALTER TABLE \"history_event\" DROP CONSTRAINT \"FK_142c618e4f07c101788b5880af3\"");
    await queryRunner.query("ALTER TABLE \"client_status_change\" DROP CONSTRAINT \"FK_906afe236d369e4c4b326cf13f3\"");
    await queryRunner.query("ALTER TABLE \"client_status_change\" DROP CONSTRAINT \"FK_95f1893bc4a72edacfa8f94c193\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_5f0569dd9024abf5115986af96f\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_f0f4e9134a2f9b4356e3d767330\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_cd22660293d4810e2cd18000ce8\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_fa96a04dde7a1ffb1f8eba5d945\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_a93f74bacf3b51dede4f7fba367\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_5fce00b65bb6b09e4a4fd1a647c\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_5358b936c807ede4053b8d9a901\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_1b71ebc7ec992aebb76b58e3809\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_b576204e6064d3f240709b9acf2\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_f7e3a9258a036680c15869d0d47\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP CONSTRAINT \"FK_d6a39b86bc88c585d27ee4ac339\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"FK_fe7277e26e2ed4270fd89f9c471\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"lead_client_when_converted\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fe7277e26e2ed4270fd89f9c47\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"client_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"history_event_client_date\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5a902f6ec0f0c4cc3065831aa5\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_45363858cb8001a774bbb9ad0e\"");
    await queryRunner.query("DROP TABLE \"history_event\"");
    await queryRunner.query("DROP INDEX \"public\".\"client_status_change_client_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_906afe236d369e4c4b326cf13f\"");
    await queryRunner.query("DROP TABLE \"client_status_change\"");
    await queryRunner.query("DROP TYPE \"public\".\"client_status_change_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ebecd1da1828d3bd9b9d752377\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fa96a04dde7a1ffb1f8eba5d94\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ac8f24b9428d3f12955d7bebaf\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_6436cc6b79593760b9ef921ef1\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_368ca99acdbd5502fc08b3f779\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5fce00b65bb6b09e4a4fd1a647\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5358b936c807ede4053b8d9a90\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f7e3a9258a036680c15869d0d4\"");
    await queryRunner.query("DROP TABLE \"client\"");
    await queryRunner.query("DROP TYPE \"public\".\"client_turnover_unit\"");
  }
}
