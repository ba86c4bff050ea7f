import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportJobs1796530000000 implements MigrationInterface {
  name = 'ImportJobs1796530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"import_job\" (\"id\" SERIAL NOT NULL, \"user_id\" integer NOT NULL, \"department_id\" integer, \"file_name\" character varying(255) NOT NULL, \"file_path\" character varying(200) NOT NULL, \"detected\" jsonb NOT NULL, \"headers\" jsonb NOT NULL, \"preview\" jsonb NOT NULL, \"total_rows\" integer NOT NULL, \"kind\" character varying(10) NOT NULL, \"mapping\" jsonb NOT NULL, \"values\" jsonb NOT NULL DEFAULT '{}', \"tallies\" jsonb NOT NULL DEFAULT '[]', \"policy\" character varying(12) NOT NULL DEFAULT 'skip', \"status\" character varying(12) NOT NULL DEFAULT 'uploaded', \"check_report\" jsonb, \"result_report\" jsonb, \"undo_report\" jsonb, \"failure\" text, \"progress_done\" integer NOT NULL DEFAULT '0', \"progress_total\" integer NOT NULL DEFAULT '0', \"claim\" uuid, \"heartbeat_at\" TIMESTAMP WITH TIME ZONE, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"import_job_progress\" CHECK (progress_done >= 0 AND progress_total >= 0 AND total_rows >= 0), CONSTRAINT \"import_job_policy\" CHECK (policy IN ('skip', 'fill_empty', 'create')), CONSTRAINT \"import_job_kind\" CHECK (kind IN ('lead', 'company', 'contact', 'deal')), CONSTRAINT \"import_job_status\" CHECK (status IN ('uploaded', 'checking', 'checked', 'queued', 'running', 'done', 'failed', 'cancelled', 'undone')), CONSTRAINT \"PK_65b4c7eccb8120972a7b8da7682\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"import_job_waiting\" ON \"import_job\" (\"created_at\") WHERE status IN ('checking', 'queued', 'running')");
    await queryRunner.query("CREATE INDEX \"import_job_user_created\" ON \"import_job\" (\"user_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"import_row\" (\"job_id\" integer NOT NULL, \"line\" integer NOT NULL, \"result\" character varying(10) NOT NULL, \"entity\" character varying(10), \"record_id\" integer, \"text\" text, \"duplicates\" jsonb, \"cells\" jsonb, CONSTRAINT \"import_row_entity\" CHECK (entity IS NULL OR entity IN ('lead', 'client', 'deal', 'contact')), CONSTRAINT \"import_row_record\" CHECK ((result = 'refused') = (record_id IS NULL AND entity IS NULL)), CONSTRAINT \"import_row_result\" CHECK (result IN ('created', 'updated', 'skipped', 'refused')), CONSTRAINT \"PK_9e7d85cb04c0fca1239bcb7730e\" PRIMARY KEY (\"job_id\", \"line\"))");
    await queryRunner.query("CREATE INDEX \"import_row_refused\" ON \"import_row\" (\"job_id\", \"line\") WHERE result = 'refused'");
    await queryRunner.query("CREATE TABLE \"import_mapping\" (\"id\" SERIAL NOT NULL, \"user_id\" integer NOT NULL, \"name\" character varying(100) NOT NULL, \"kind\" character varying(10) NOT NULL, \"columns\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"import_mapping_user_kind_name\" UNIQUE (\"user_id\", \"kind\", \"name\"), CONSTRAINT \"import_mapping_kind\" CHECK (kind IN ('lead', 'company', 'contact', 'deal')), CONSTRAINT \"import_mapping_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_b851a428225ebaa9a5e683f3ebf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"import_job\" ADD CONSTRAINT \"FK_301ffbc1279c6fc83cc947b3f9a\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"import_job\" ADD CONSTRAINT \"FK_432135303e130c50996167c4c1b\" FOREIGN KEY (\"department_id\") REFERENCES \"department\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"import_row\" ADD CONSTRAINT \"FK_fd911b9c3c8b391419aa01805fc\" FOREIGN KEY (\"job_id\") REFERENCES \"import_job\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"import_mapping\" ADD CONSTRAINT \"FK_3945f0fb777ab4fb2a18167606c\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"import_mapping\" DROP CONSTRAINT \"FK_3945f0fb777ab4fb2a18167606c\"");
    await queryRunner.query("ALTER TABLE \"import_row\" DROP CONSTRAINT \"FK_fd911b9c3c8b391419aa01805fc\"");
    await queryRunner.query("ALTER TABLE \"import_job\" DROP CONSTRAINT \"FK_432135303e130c50996167c4c1b\"");
    await queryRunner.query("ALTER TABLE \"import_job\" DROP CONSTRAINT \"FK_301ffbc1279c6fc83cc947b3f9a\"");
    await queryRunner.query("DROP TABLE \"import_mapping\"");
    await queryRunner.query("DROP INDEX \"public\".\"import_row_refused\"");
    await queryRunner.query("DROP TABLE \"import_row\"");
    await queryRunner.query("DROP INDEX \"public\".\"import_job_user_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"import_job_waiting\"");
    await queryRunner.query("DROP TABLE \"import_job\"");
  }
}
