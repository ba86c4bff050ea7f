import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExportJobs1796510000000 implements MigrationInterface {
  name = 'ExportJobs1796510000000';
  // Generated; numbered by hand after DeadlineFunctions (the import's migration uses 1796520000000).

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"export_job_status\" AS ENUM('queued', 'running', 'done', 'failed', 'expired')");
    await queryRunner.query("CREATE TABLE \"export_job\" (\"id\" SERIAL NOT NULL, \"user_id\" integer NOT NULL, \"list\" character varying(40) NOT NULL, \"format\" character varying(4) NOT NULL, \"file_name\" character varying(200) NOT NULL, \"status\" \"public\".\"export_job_status\" NOT NULL DEFAULT 'queued', \"query\" jsonb NOT NULL, \"total_rows\" integer, \"rows_written\" integer NOT NULL DEFAULT '0', \"claim\" uuid, \"heartbeat_at\" TIMESTAMP WITH TIME ZONE, \"file\" character varying(200), \"error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"finished_at\" TIMESTAMP WITH TIME ZONE, \"expires_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"export_job_rows\" CHECK (rows_written >= 0), CONSTRAINT \"export_job_format\" CHECK (format IN ('xlsx', 'csv')), CONSTRAINT \"PK_2edcb6f1780d22e5a9f2f29f466\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"export_job_unfinished\" ON \"export_job\" (\"created_at\") WHERE status IN ('queued', 'running')");
    await queryRunner.query("CREATE INDEX \"export_job_user_created\" ON \"export_job\" (\"user_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"export_job\" ADD CONSTRAINT \"FK_5eea97633813afb275b9e6c859e\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"export_job\" DROP CONSTRAINT \"FK_5eea97633813afb275b9e6c859e\"");
    await queryRunner.query("DROP INDEX \"public\".\"export_job_user_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"export_job_unfinished\"");
    await queryRunner.query("DROP TABLE \"export_job\"");
    await queryRunner.query("DROP TYPE \"public\".\"export_job_status\"");
  }
}
