import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public form's draft keys (security finding 2): only a key's SHA-256 is stored, a staff
 * member's move of a visitor's draft revokes its key, and the audit log records a visitor's changes
 * of their existing draft («Посетитель формы, IP …», from `app.visitor`) but never a key's hash.
 */
export class DraftTokenHash1796408265039 implements MigrationInterface {
  name = 'DraftTokenHash1796408265039';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"draft_token_hash\" bytea");
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"draft_token_revoked_at\" TIMESTAMP WITH TIME ZONE");
    // Added by hand: the keys of existing drafts keep working, hashed as draft-token.ts hashes them
    // (SHA-256 of the lower-case text, which `uuid::text` is). The audit trigger skips these rows
    // (the public form's leads, no user).
    await queryRunner.query(
      `UPDATE "lead" SET "draft_token_hash" = sha256(convert_to("draft_token"::text, 'UTF8')) WHERE "draft_token" IS NOT NULL`,
    );
    await queryRunner.query("DROP INDEX \"public\".\"IDX_6f179dcb9ec1c7805434ff21e3\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"draft_token\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"lead_draft_token_hash\" ON \"lead\" (\"draft_token_hash\") ");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"lead_draft_token_revoked_has_hash\" CHECK (draft_token_revoked_at IS NULL OR draft_token_hash IS NOT NULL)");
    await queryRunner.query("ALTER TABLE \"lead\" ADD CONSTRAINT \"lead_draft_token_hash_valid\" CHECK (draft_token_hash IS NULL OR (source = 'form' AND octet_length(draft_token_hash) = 32))");
    await queryRunner.query(AUDIT_ROW_WITH_VISITOR);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(AUDIT_ROW_BEFORE);
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"lead_draft_token_hash_valid\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP CONSTRAINT \"lead_draft_token_revoked_has_hash\"");
    await queryRunner.query("DROP INDEX \"public\".\"lead_draft_token_hash\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"draft_token_revoked_at\"");
    // A hash gives no key back: the open drafts' pages start new drafts at their next save.
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"draft_token_hash\"");
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"draft_token\" uuid");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_6f179dcb9ec1c7805434ff21e3\" ON \"lead\" (\"draft_token\") ");
  }
}

/** The audit trigger's function, now naming the visitor of the public form and leaving out draft keys' hashes. */
const AUDIT_ROW_WITH_VISITOR = `CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before jsonb;
        after jsonb;
        changed_id text;
        actor_id integer := NULLIF(current_setting('app.user_id', true), '')::integer;
        visitor text := NULLIF(current_setting('app.visitor', true), '');
      BEGIN
        IF current_setting('app.audit', true) = 'off' THEN RETURN NULL; END IF;
        -- A new lead from the public form (a first autosave, a submission at once) is its own record
        -- (source, time, consent), and so is the deletion of an unsent draft past its retention:
        -- not logged, checked before any work (the public form's hot path). A visitor's later
        -- changes of their draft (app.visitor names them) and a user's work on any lead are logged.
        IF TG_TABLE_NAME = 'lead' AND actor_id IS NULL AND visitor IS NULL THEN
          IF TG_OP <> 'DELETE' AND NEW.source = 'form' THEN RETURN NULL; END IF;
          IF TG_OP = 'DELETE' AND OLD.source = 'form' THEN RETURN NULL; END IF;
        END IF;
        -- A draft key's hash is a secret: never in the log.
        IF TG_OP <> 'INSERT' THEN before := to_jsonb(OLD) - 'draft_token_hash'; END IF;
        IF TG_OP <> 'DELETE' THEN after := to_jsonb(NEW) - 'draft_token_hash'; END IF;
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
        VALUES (actor_id, coalesce((SELECT full_name || ' <' || email || '>' FROM app_user WHERE id = actor_id), visitor),
                TG_TABLE_NAME, changed_id, lower(TG_OP)::audit_action, before, after);
        RETURN NULL;
      END $$`;

/** The function as the AuditLog migration made it (for `down`). */
const AUDIT_ROW_BEFORE = `CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`;
