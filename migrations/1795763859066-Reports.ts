import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795763859066 implements MigrationInterface {
  name = 'Reports1795763859066';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"report_kind\" AS ENUM('committee', 'annual')");
    await queryRunner.query("CREATE TYPE \"public\".\"report_origin\" AS ENUM('schedule', 'demand')");
    await queryRunner.query("CREATE TABLE \"report\" (\"id\" SERIAL NOT NULL, \"kind\" \"public\".\"report_kind\" NOT NULL, \"department_id\" integer, \"period_start\" date NOT NULL, \"period_end\" date NOT NULL, \"origin\" \"public\".\"report_origin\" NOT NULL, \"requested_by_user_id\" integer, \"generated_at\" TIMESTAMP WITH TIME ZONE, \"build_ms\" integer, \"size_bytes\" integer, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"report_department_of_kind\" CHECK ((kind = 'committee') = (department_id IS NOT NULL)), CONSTRAINT \"report_period\" CHECK (period_end >= period_start), CONSTRAINT \"PK_99e4d0bea58cba73c57f935a546\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"report_all_departments_key\" ON \"report\" (\"kind\", \"period_start\", \"period_end\") WHERE department_id IS NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"report_committee_key\" ON \"report\" (\"kind\", \"department_id\", \"period_start\", \"period_end\") WHERE department_id IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"report_file\" (\"report_id\" integer NOT NULL, \"file_name\" character varying(200) NOT NULL, \"content\" bytea NOT NULL, CONSTRAINT \"PK_81c2f33b45737d28490c6314573\" PRIMARY KEY (\"report_id\"))");
    await queryRunner.query("ALTER TABLE \"client_status_change\" ADD \"to_stage_id\" integer");
    await queryRunner.query("ALTER TABLE \"client_status_change\" ADD \"to_stage_item_id\" integer");
    await queryRunner.query("ALTER TABLE \"notification\" ADD \"report_id\" integer");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_lead_unique\"");
    await queryRunner.query("ALTER TYPE \"public\".\"notification_kind\" RENAME TO \"notification_kind_old\"");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind\" AS ENUM('lead_created', 'report')");
    await queryRunner.query("ALTER TABLE \"notification\" ALTER COLUMN \"kind\" TYPE \"public\".\"notification_kind\" USING \"kind\"::\"text\"::\"public\".\"notification_kind\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind_old\"");
    await queryRunner.query("CREATE INDEX \"IDX_e80f006f135d8a2ea6477f3648\" ON \"client_status_change\" (\"to_stage_id\") ");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_report_unique\" UNIQUE (\"kind\", \"report_id\")");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_lead_unique\" UNIQUE (\"kind\", \"lead_id\")");
    await queryRunner.query("ALTER TABLE \"client_status_change\" ADD CONSTRAINT \"FK_e80f006f135d8a2ea6477f36481\" FOREIGN KEY (\"to_stage_id\") REFERENCES \"stage\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client_status_change\" ADD CONSTRAINT \"FK_cdf4d259362bad0dfbbefbefa37\" FOREIGN KEY (\"to_stage_item_id\") REFERENCES \"stage_item\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"report\" ADD CONSTRAINT \"FK_2f05bd1257b3ffd49ea315009f7\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"report\" ADD CONSTRAINT \"FK_3bf8fc23739071626f0d228326f\" FOREIGN KEY (\"requested_by_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"FK_003dcd11610af8aa319c12674cd\" FOREIGN KEY (\"report_id\") REFERENCES \"report\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"report_file\" ADD CONSTRAINT \"FK_81c2f33b45737d28490c6314573\" FOREIGN KEY (\"report_id\") REFERENCES \"report\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // Written by hand: the timeline rows written before this migration get their stage and item
    // ids from the names, in the client's current pipeline (the only one known for old rows).
    await queryRunner.query(`
      UPDATE client_status_change c SET to_stage_id = s.id
      FROM client cl
      JOIN stage s ON s.pipeline_id = cl.pipeline_id
      WHERE cl.id = c.client_id AND s.name = c.to_stage`);
    await queryRunner.query(`
      UPDATE client_status_change c SET to_stage_item_id = i.id
      FROM stage_item i
      WHERE i.stage_id = c.to_stage_id AND i.name = c.to_item`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"report_file\" DROP CONSTRAINT \"FK_81c2f33b45737d28490c6314573\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"FK_003dcd11610af8aa319c12674cd\"");
    await queryRunner.query("ALTER TABLE \"report\" DROP CONSTRAINT \"FK_3bf8fc23739071626f0d228326f\"");
    await queryRunner.query("ALTER TABLE \"report\" DROP CONSTRAINT \"FK_2f05bd1257b3ffd49ea315009f7\"");
    await queryRunner.query("ALTER TABLE \"client_status_change\" DROP CONSTRAINT \"FK_cdf4d259362bad0dfbbefbefa37\"");
    await queryRunner.query("ALTER TABLE \"client_status_change\" DROP CONSTRAINT \"FK_e80f006f135d8a2ea6477f36481\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_lead_unique\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_report_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e80f006f135d8a2ea6477f3648\"");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('lead_created')");
    await queryRunner.query("ALTER TABLE \"notification\" ALTER COLUMN \"kind\" TYPE \"public\".\"notification_kind_old\" USING \"kind\"::\"text\"::\"public\".\"notification_kind_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind\"");
    await queryRunner.query("ALTER TYPE \"public\".\"notification_kind_old\" RENAME TO \"notification_kind\"");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_lead_unique\" UNIQUE (\"kind\", \"lead_id\")");
    await queryRunner.query("ALTER TABLE \"notification\" DROP COLUMN \"report_id\"");
    await queryRunner.query("ALTER TABLE \"client_status_change\" DROP COLUMN \"to_stage_item_id\"");
    await queryRunner.query("ALTER TABLE \"client_status_change\" DROP COLUMN \"to_stage_id\"");
    await queryRunner.query("DROP TABLE \"report_file\"");
    await queryRunner.query("DROP INDEX \"public\".\"report_committee_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"report_all_departments_key\"");
    await queryRunner.query("DROP TABLE \"report\"");
    await queryRunner.query("DROP TYPE \"public\".\"report_origin\"");
    await queryRunner.query("DROP TYPE \"public\".\"report_kind\"");
  }
}
