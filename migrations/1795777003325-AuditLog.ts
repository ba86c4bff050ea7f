import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose changes the audit log records: CRM records, dictionaries, users. */
const AUDITED_TABLES = [
  'lead',
  'client',
  'deal',
  'deal_line',
  'history_event',
  'department',
  'object_type',
  'premises',
  'client_sector',
  'company_profile',
  'product_category',
  'service_type',
  'history_event_type',
  'pipeline',
  'stage',
  'stage_item',
  'app_user',
];

export class AuditLog1795777003325 implements MigrationInterface {
  name = 'AuditLog1795777003325';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"audit_action\" AS ENUM('insert', 'update', 'delete')");
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" BIGSERIAL NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"user_id\" integer, \"user_label\" character varying(500), \"table_name\" character varying(63) NOT NULL, \"record_id\" character varying(40) NOT NULL, \"action\" \"public\".\"audit_action\" NOT NULL, \"old_values\" jsonb, \"new_values\" jsonb, CONSTRAINT \"PK_07fefa57f7f5ab8fc3f52b3ed0b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"audit_log_record\" ON \"audit_log\" (\"table_name\", \"record_id\") ");
    await queryRunner.query("CREATE INDEX \"audit_log_at\" ON \"audit_log\" (\"at\") ");
    // Hand-written (TypeORM does not generate triggers): the audit trigger on the CRM records,
    // the dictionaries and the users; see src/modules/audit/audit-log.entity.ts.
    await queryRunner.query(`CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before jsonb;
        after jsonb;
        changed_id text;
        actor_id integer := NULLIF(current_setting('app.user_id', true), '')::integer;
      BEGIN
        IF current_setting('app.audit', true) = 'off' THEN RETURN NULL; END IF;
        -- A visitor's request from the public form (its autosaved draft, its submission) is its own
        -- record (source, time, consent); a user's work on such a lead is logged. Checked before any
        -- work: it is the public form's hot path.
        IF TG_TABLE_NAME = 'lead' AND actor_id IS NULL THEN
          IF TG_OP <> 'DELETE' AND NEW.source = 'form' THEN RETURN NULL; END IF;
          IF TG_OP = 'DELETE' AND OLD.source = 'form' THEN RETURN NULL; END IF;
        END IF;
        IF TG_OP <> 'INSERT' THEN before := to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN after := to_jsonb(NEW); END IF;
        changed_id := coalesce(after->>'id', before->>'id');
        IF TG_OP = 'UPDATE' THEN
          SELECT jsonb_object_agg(n.key, n.value), jsonb_object_agg(n.key, before->n.key)
            INTO after, before
            FROM jsonb_each(after) n
           WHERE n.value IS DISTINCT FROM before->n.key
             AND n.key NOT IN ('updated_at', 'version', 'last_login_at');
          IF after IS NULL THEN RETURN NULL; END IF;
        END IF;
        -- A password is recorded as changed, never its hash.
        IF before ? 'password_hash' THEN before := jsonb_set(before, '{password_hash}', '"•••"'); END IF;
        IF after ? 'password_hash' THEN after := jsonb_set(after, '{password_hash}', '"•••"'); END IF;
        INSERT INTO audit_log (user_id, user_label, table_name, record_id, action, old_values, new_values)
        VALUES (actor_id, (SELECT full_name || ' <' || email || '>' FROM app_user WHERE id = actor_id),
                TG_TABLE_NAME, changed_id, lower(TG_OP)::audit_action, before, after);
        RETURN NULL;
      END $$`);
    for (const table of AUDITED_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_row()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of AUDITED_TABLES) await queryRunner.query(`DROP TRIGGER audit ON "${table}"`);
    await queryRunner.query('DROP FUNCTION audit_row()');
    await queryRunner.query("DROP INDEX \"public\".\"audit_log_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"audit_log_record\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
    await queryRunner.query("DROP TYPE \"public\".\"audit_action\"");
  }
}
