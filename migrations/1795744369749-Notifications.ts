import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795744369749 implements MigrationInterface {
  name = 'Notifications1795744369749';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind\" AS ENUM('lead_created')");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_state\" AS ENUM('pending', 'sent')");
    await queryRunner.query("CREATE TABLE \"notification\" (\"id\" BIGSERIAL NOT NULL, \"kind\" \"public\".\"notification_kind\" NOT NULL, \"lead_id\" integer, \"to\" character varying(254) array NOT NULL, \"cc\" character varying(254) array NOT NULL DEFAULT '{}', \"subject\" character varying(300) NOT NULL, \"body\" text NOT NULL, \"message_id\" character varying(200) NOT NULL, \"state\" \"public\".\"notification_state\" NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"locked_until\" TIMESTAMP WITH TIME ZONE, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_bcacc62c929cc4881ec971b6791\" UNIQUE (\"message_id\"), CONSTRAINT \"notification_kind_lead_unique\" UNIQUE (\"kind\", \"lead_id\"), CONSTRAINT \"notification_sent_has_time\" CHECK (state <> 'sent' OR sent_at IS NOT NULL), CONSTRAINT \"PK_705b6c7cdf9b2c2ff7ac7872cb7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"notification_due\" ON \"notification\" (\"state\", \"next_attempt_at\") ");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"FK_3867123c131ec32a33fd5cc9dc7\" FOREIGN KEY (\"lead_id\") REFERENCES \"lead\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"FK_3867123c131ec32a33fd5cc9dc7\"");
    await queryRunner.query("DROP INDEX \"public\".\"notification_due\"");
    await queryRunner.query("DROP TABLE \"notification\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_state\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind\"");
  }
}
