import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795740821472 implements MigrationInterface {
  name = 'Init1795740821472';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"login_attempt\" (\"id\" BIGSERIAL NOT NULL, \"email\" character varying(254) NOT NULL, \"ip\" character varying(64) NOT NULL, \"succeeded\" boolean NOT NULL, \"attempted_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_72829cd4f7424e3cdfd46c476c0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"login_attempt_ip_at\" ON \"login_attempt\" (\"ip\", \"attempted_at\") ");
    await queryRunner.query("CREATE INDEX \"login_attempt_email_at\" ON \"login_attempt\" (\"email\", \"attempted_at\") ");
    await queryRunner.query("CREATE TABLE \"session\" (\"sid\" character varying NOT NULL, \"sess\" json NOT NULL, \"expire\" TIMESTAMP(6) NOT NULL, CONSTRAINT \"PK_7575923e18b495ed2307ae629ae\" PRIMARY KEY (\"sid\"))");
    await queryRunner.query("CREATE INDEX \"session_expire_index\" ON \"session\" (\"expire\") ");
    await queryRunner.query("CREATE TABLE \"department\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"name\" character varying(200) NOT NULL, \"manager_emails\" character varying(254) array NOT NULL DEFAULT '{}', \"head_email\" character varying(254), \"committee_emails\" character varying(254) array NOT NULL DEFAULT '{}', \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"UQ_471da4b90e96c1ebe0af221e07b\" UNIQUE (\"name\"), CONSTRAINT \"department_head_email_valid\" CHECK (head_email IS NULL OR head_email ~* '^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$'), CONSTRAINT \"department_committee_emails_valid\" CHECK (array_to_string(committee_emails, ',') ~* '^([^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+(,|$))*$'), CONSTRAINT \"department_manager_emails_valid\" CHECK (array_to_string(manager_emails, ',') ~* '^([^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+(,|$))*$'), CONSTRAINT \"department_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_9a2213262c1593bffb581e382f5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"company_profile\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"name\" character varying(200) NOT NULL, \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"UQ_1d289c92462b7664c7d2bb380fc\" UNIQUE (\"name\"), CONSTRAINT \"company_profile_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_058d1cfee40e5e53412ed7484b3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"product_category\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"name\" character varying(200) NOT NULL, \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"UQ_96152d453aaea425b5afde3ae9f\" UNIQUE (\"name\"), CONSTRAINT \"product_category_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_0dce9bc93c2d2c399982d04bef1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"history_event_type\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"code\" character varying(50) NOT NULL, \"name\" character varying(200) NOT NULL, \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"UQ_740cb71087fd0275056cabdb37f\" UNIQUE (\"code\"), CONSTRAINT \"UQ_8fe5f37a7269b9f77c57bd49fd0\" UNIQUE (\"name\"), CONSTRAINT \"history_event_type_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_45363858cb8001a774bbb9ad0e0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"object_type\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"name\" character varying(200) NOT NULL, \"department_id\" integer NOT NULL, \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"UQ_0ea0fc7001163c4da7944f0bab2\" UNIQUE (\"name\"), CONSTRAINT \"object_type_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_617b90dc9d9a457b6679e371f44\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_d252c8db5b5956751ba8c0dc3b\" ON \"object_type\" (\"department_id\") ");
    await queryRunner.query("CREATE TABLE \"premises\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"object_type_id\" integer NOT NULL, \"zone\" character varying(100) NOT NULL, \"sector\" character varying(100) NOT NULL, \"number\" character varying(50) NOT NULL, \"area_m2\" numeric(10,2) NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"note\" text, CONSTRAINT \"premises_zone_number_unique\" UNIQUE (\"zone\", \"number\"), CONSTRAINT \"premises_number_not_blank\" CHECK (btrim(number) <> ''), CONSTRAINT \"premises_area_positive\" CHECK (area_m2 > 0), CONSTRAINT \"PK_3dee03a72594bf5a68ff3f7c933\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e2c59ae6c6390142cf4312fc3f\" ON \"premises\" (\"object_type_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"service_kind\" AS ENUM('ved', '3pl')");
    await queryRunner.query("CREATE TABLE \"service_type\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"kind\" \"public\".\"service_kind\" NOT NULL, \"name\" character varying(200) NOT NULL, \"department_id\" integer NOT NULL, \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"service_type_kind_name_unique\" UNIQUE (\"kind\", \"name\"), CONSTRAINT \"service_type_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_0a11a8d444eff1346826caed987\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f0b29a23a7ddecaef28c799cdf\" ON \"service_type\" (\"department_id\") ");
    await queryRunner.query("CREATE TABLE \"pipeline\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"code\" character varying(50) NOT NULL, \"name\" character varying(200) NOT NULL, CONSTRAINT \"UQ_48ab89f00e17cc503ccaeef0413\" UNIQUE (\"code\"), CONSTRAINT \"UQ_e3a3ebd1170793f3082f83f9ef1\" UNIQUE (\"name\"), CONSTRAINT \"pipeline_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_df8aedd50509192d995535d68cd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"client_sector\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"code\" character varying(50) NOT NULL, \"name\" character varying(100) NOT NULL, \"description\" character varying(500) NOT NULL DEFAULT '', \"pipeline_id\" integer NOT NULL, \"position\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"UQ_9321d84fa32cbcd4b53f4acbf1e\" UNIQUE (\"code\"), CONSTRAINT \"UQ_b2e5a4a5f49b93d5c2700d19930\" UNIQUE (\"name\"), CONSTRAINT \"client_sector_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_f7e3a9258a036680c15869d0d47\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_24ece972f541ef0a2d6deb9ec4\" ON \"client_sector\" (\"pipeline_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"stage_kind\" AS ENUM('open', 'won', 'lost')");
    await queryRunner.query("CREATE TABLE \"stage\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"pipeline_id\" integer NOT NULL, \"position\" smallint NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" \"public\".\"stage_kind\" NOT NULL DEFAULT 'open', \"hint\" text NOT NULL DEFAULT '', CONSTRAINT \"stage_pipeline_name_unique\" UNIQUE (\"pipeline_id\", \"name\"), CONSTRAINT \"stage_pipeline_position_unique\" UNIQUE (\"pipeline_id\", \"position\"), CONSTRAINT \"stage_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_c54d11b3c24a188262844af1612\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"stage_item_kind\" AS ENUM('step', 'completes', 'fails')");
    await queryRunner.query("CREATE TABLE \"stage_item\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"stage_id\" integer NOT NULL, \"position\" smallint NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" \"public\".\"stage_item_kind\" NOT NULL DEFAULT 'step', CONSTRAINT \"stage_item_stage_name_unique\" UNIQUE (\"stage_id\", \"name\"), CONSTRAINT \"stage_item_stage_position_unique\" UNIQUE (\"stage_id\", \"position\"), CONSTRAINT \"stage_item_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_f9639993a4dae5186ee6f781592\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"app_setting\" (\"key\" character varying(100) NOT NULL, \"value\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0d66bfb0d9f93124a4549d21af0\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"user_role\" AS ENUM('admin', 'manager', 'committee')");
    await queryRunner.query("CREATE TABLE \"app_user\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"email\" character varying(254) NOT NULL, \"full_name\" character varying(200) NOT NULL, \"role\" \"public\".\"user_role\" NOT NULL, \"department_id\" integer, \"password_hash\" character varying(255) NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"last_login_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_3fa909d0e37c531ebc237703391\" UNIQUE (\"email\"), CONSTRAINT \"app_user_full_name_not_blank\" CHECK (btrim(full_name) <> ''), CONSTRAINT \"app_user_email_valid\" CHECK (email ~* '^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$'), CONSTRAINT \"app_user_email_lowercase\" CHECK (email = lower(email)), CONSTRAINT \"PK_22a5c4a3d9b2fb8e4e73fc4ada1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_7bbda4c333c1da023d2f2ae732\" ON \"app_user\" (\"department_id\") ");
    await queryRunner.query("ALTER TABLE \"object_type\" ADD CONSTRAINT \"FK_d252c8db5b5956751ba8c0dc3b8\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"premises\" ADD CONSTRAINT \"FK_e2c59ae6c6390142cf4312fc3fa\" FOREIGN KEY (\"object_type_id\") REFERENCES \"object_type\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"service_type\" ADD CONSTRAINT \"FK_f0b29a23a7ddecaef28c799cdf5\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client_sector\" ADD CONSTRAINT \"FK_24ece972f541ef0a2d6deb9ec44\" FOREIGN KEY (\"pipeline_id\") REFERENCES \"pipeline\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"stage\" ADD CONSTRAINT \"FK_e15b5255a2cc47a13a67acd91cf\" FOREIGN KEY (\"pipeline_id\") REFERENCES \"pipeline\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"stage_item\" ADD CONSTRAINT \"FK_7dec2951b2e24d6b131f6744c8c\" FOREIGN KEY (\"stage_id\") REFERENCES \"stage\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"FK_7bbda4c333c1da023d2f2ae7320\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"FK_7bbda4c333c1da023d2f2ae7320\"");
    await queryRunner.query("ALTER TABLE \"stage_item\" DROP CONSTRAINT \"FK_7dec2951b2e24d6b131f6744c8c\"");
    await queryRunner.query("ALTER TABLE \"stage\" DROP CONSTRAINT \"FK_e15b5255a2cc47a13a67acd91cf\"");
    await queryRunner.query("ALTER TABLE \"client_sector\" DROP CONSTRAINT \"FK_24ece972f541ef0a2d6deb9ec44\"");
    await queryRunner.query("ALTER TABLE \"service_type\" DROP CONSTRAINT \"FK_f0b29a23a7ddecaef28c799cdf5\"");
    await queryRunner.query("ALTER TABLE \"premises\" DROP CONSTRAINT \"FK_e2c59ae6c6390142cf4312fc3fa\"");
    await queryRunner.query("ALTER TABLE \"object_type\" DROP CONSTRAINT \"FK_d252c8db5b5956751ba8c0dc3b8\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7bbda4c333c1da023d2f2ae732\"");
    await queryRunner.query("DROP TABLE \"app_user\"");
    await queryRunner.query("DROP TYPE \"public\".\"user_role\"");
    await queryRunner.query("DROP TABLE \"app_setting\"");
    await queryRunner.query("DROP TABLE \"stage_item\"");
    await queryRunner.query("DROP TYPE \"public\".\"stage_item_kind\"");
    await queryRunner.query("DROP TABLE \"stage\"");
    await queryRunner.query("DROP TYPE \"public\".\"stage_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_24ece972f541ef0a2d6deb9ec4\"");
    await queryRunner.query("DROP TABLE \"client_sector\"");
    await queryRunner.query("DROP TABLE \"pipeline\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f0b29a23a7ddecaef28c799cdf\"");
    await queryRunner.query("DROP TABLE \"service_type\"");
    await queryRunner.query("DROP TYPE \"public\".\"service_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e2c59ae6c6390142cf4312fc3f\"");
    await queryRunner.query("DROP TABLE \"premises\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d252c8db5b5956751ba8c0dc3b\"");
    await queryRunner.query("DROP TABLE \"object_type\"");
    await queryRunner.query("DROP TABLE \"history_event_type\"");
    await queryRunner.query("DROP TABLE \"product_category\"");
    await queryRunner.query("DROP TABLE \"company_profile\"");
    await queryRunner.query("DROP TABLE \"department\"");
    await queryRunner.query("DROP INDEX \"public\".\"session_expire_index\"");
    await queryRunner.query("DROP TABLE \"session\"");
    await queryRunner.query("DROP INDEX \"public\".\"login_attempt_email_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"login_attempt_ip_at\"");
    await queryRunner.query("DROP TABLE \"login_attempt\"");
  }
}
