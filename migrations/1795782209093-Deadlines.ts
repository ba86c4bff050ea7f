import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deadlines1795782209093 implements MigrationInterface {
  name = 'Deadlines1795782209093';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"lead_status_limit\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"status\" \"public\".\"lead_status\" NOT NULL, \"working_hours\" integer NOT NULL, CONSTRAINT \"UQ_4bd08c45394936cd0670b862da7\" UNIQUE (\"status\"), CONSTRAINT \"lead_status_limit_positive\" CHECK (working_hours > 0 AND working_hours <= 10000), CONSTRAINT \"lead_status_limit_worked_status\" CHECK (status IN ('new', 'qualifying')), CONSTRAINT \"PK_0fa5d40a91dbbbd7d08a2ebc271\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"working_calendar_day_kind\" AS ENUM('holiday', 'workday')");
    await queryRunner.query("CREATE TABLE \"working_calendar_day\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" SERIAL NOT NULL, \"day\" date NOT NULL, \"kind\" \"public\".\"working_calendar_day_kind\" NOT NULL, \"name\" character varying(200) NOT NULL, CONSTRAINT \"UQ_24a65658e184f0fbaf564eab034\" UNIQUE (\"day\"), CONSTRAINT \"working_calendar_day_name_not_blank\" CHECK (btrim(name) <> ''), CONSTRAINT \"PK_c2781cacbc52624b2eb8e1bc45b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"working_hours\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" smallint NOT NULL DEFAULT '1', \"starts_at\" TIME NOT NULL, \"ends_at\" TIME NOT NULL, CONSTRAINT \"working_hours_order\" CHECK (starts_at < ends_at), CONSTRAINT \"working_hours_single_row\" CHECK (id = 1), CONSTRAINT \"PK_5f84d2fa3953367fe9d704d8df6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"stage\" ADD \"limit_days\" integer");
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"status_since\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()");
    await queryRunner.query("ALTER TABLE \"lead\" ADD \"due_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"client\" ADD \"stage_since\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()");
    await queryRunner.query("ALTER TABLE \"client\" ADD \"stage_due_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"history_event\" ADD \"planned\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"notification\" ADD \"dedupe_key\" character varying(200)");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"UQ_b390c6bcca8179ba55a6eb95fac\" UNIQUE (\"dedupe_key\")");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_report_unique\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_lead_unique\"");
    await queryRunner.query("ALTER TYPE \"public\".\"notification_kind\" RENAME TO \"notification_kind_old\"");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind\" AS ENUM('lead_created', 'report', 'overdue_digest', 'overdue_item')");
    await queryRunner.query("ALTER TABLE \"notification\" ALTER COLUMN \"kind\" TYPE \"public\".\"notification_kind\" USING \"kind\"::\"text\"::\"public\".\"notification_kind\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind_old\"");
    await queryRunner.query("ALTER TABLE \"stage\" ADD CONSTRAINT \"stage_limit_days_positive\" CHECK (limit_days IS NULL OR (limit_days > 0 AND limit_days <= 1000))");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_report_unique\" UNIQUE (\"kind\", \"report_id\")");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_lead_unique\" UNIQUE (\"kind\", \"lead_id\")");
    // Added by hand from here on: what TypeORM cannot describe — the partial indexes of the
    // counters and reminders, the working-time function, the triggers that keep every lead's and
    // client's deadline whatever writes the row (the public form's group commit included), the
    // recomputation when the dictionaries change, the seed of the calendar, the working hours and
    // the lead limits, and the backfill of existing rows.
    await queryRunner.query('CREATE INDEX "lead_department_due_at" ON "lead" ("department_id", "due_at") WHERE due_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX "lead_responsible_due_at" ON "lead" ("responsible_user_id", "due_at") WHERE due_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX "lead_due_at" ON "lead" ("due_at") WHERE due_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX "client_responsible_stage_due_at" ON "client" ("responsible_user_id", "stage_due_at") WHERE stage_due_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX "client_department_stage_due_at" ON "client" ("department_id", "stage_due_at") WHERE stage_due_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX "client_stage_due_at" ON "client" ("stage_due_at") WHERE stage_due_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX "history_event_planned_user_date" ON "history_event" ("user_id", "event_date") WHERE planned');

    // The working day's length in minutes (working_hours, 09:00–18:00 unless an administrator changed it).
    await queryRunner.query(`CREATE FUNCTION working_day_minutes() RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT coalesce((SELECT (extract(epoch FROM ends_at - starts_at) / 60)::integer FROM working_hours WHERE id = 1), 540)
    $$`);
    // `start` plus `minutes` of working time: Moscow working hours of working days — Monday to
    // Friday unless working_calendar_day says 'holiday', Saturday and Sunday when it says 'workday'.
    // A start outside working hours counts from the next working moment. The one implementation
    // the triggers and the recomputation use.
    await queryRunner.query(`CREATE FUNCTION working_deadline(start timestamptz, minutes integer) RETURNS timestamptz
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        local_start timestamp := start AT TIME ZONE 'Europe/Moscow';
        current_day date := (start AT TIME ZONE 'Europe/Moscow')::date;
        day_starts time;
        day_ends time;
        from_time time;
        remaining interval := make_interval(mins => minutes);
        available interval;
        exception_kind working_calendar_day_kind;
      BEGIN
        IF start IS NULL OR minutes IS NULL THEN RETURN NULL; END IF;
        SELECT starts_at, ends_at INTO day_starts, day_ends FROM working_hours WHERE id = 1;
        IF NOT FOUND THEN day_starts := '09:00'; day_ends := '18:00'; END IF;
        from_time := greatest(local_start::time, day_starts);
        -- Ten years of days at most: a calendar of nothing but holidays must not loop for ever.
        FOR step IN 1..3660 LOOP
          SELECT kind INTO exception_kind FROM working_calendar_day WHERE day = current_day;
          IF coalesce(exception_kind = 'workday', extract(isodow FROM current_day) < 6) AND from_time < day_ends THEN
            available := day_ends - from_time;
            IF remaining <= available THEN
              RETURN (current_day + from_time + remaining) AT TIME ZONE 'Europe/Moscow';
            END IF;
            remaining := remaining - available;
          END IF;
          current_day := current_day + 1;
          from_time := day_starts;
        END LOOP;
        RAISE EXCEPTION 'В производственном календаре нет рабочих дней на десять лет вперёд';
      END $$`);
    // A lead's deadline: since when it is in its status, and by when it must leave it. Set on
    // insert and when the status (or, by hand, the start) changes; otherwise the row keeps it
    // (recompute_lead_deadlines sets due_at alone). Drafts and processed leads return at once: the
    // public form's autosaves pay one comparison.
    await queryRunner.query(`CREATE FUNCTION lead_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE limit_hours integer;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.status_since IS NOT DISTINCT FROM OLD.status_since THEN
            RETURN NEW;
          END IF;
          IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status_since IS NOT DISTINCT FROM OLD.status_since THEN
            NEW.status_since := now();
          END IF;
        END IF;
        -- lead_status_limit holds only 'new' and 'qualifying' (its CHECK).
        IF NEW.status NOT IN ('new', 'qualifying') THEN
          NEW.due_at := NULL;
          RETURN NEW;
        END IF;
        SELECT working_hours INTO limit_hours FROM lead_status_limit WHERE status = NEW.status;
        NEW.due_at := CASE WHEN limit_hours IS NULL THEN NULL ELSE working_deadline(NEW.status_since, limit_hours * 60) END;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER lead_deadline BEFORE INSERT OR UPDATE OF status, status_since ON lead FOR EACH ROW EXECUTE FUNCTION lead_deadline()',
    );
    // A client's deadline at its stage: the stage's limit in working days (of working_day_minutes)
    // from when the client came to it; none at a stage without a limit or that is not open.
    await queryRunner.query(`CREATE FUNCTION client_stage_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE days integer;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.stage_id IS NOT DISTINCT FROM OLD.stage_id AND NEW.stage_since IS NOT DISTINCT FROM OLD.stage_since THEN
            RETURN NEW;
          END IF;
          IF NEW.stage_id IS DISTINCT FROM OLD.stage_id AND NEW.stage_since IS NOT DISTINCT FROM OLD.stage_since THEN
            NEW.stage_since := now();
          END IF;
        END IF;
        SELECT limit_days INTO days FROM stage WHERE id = NEW.stage_id AND kind = 'open';
        NEW.stage_due_at := CASE WHEN days IS NULL THEN NULL
                                 ELSE working_deadline(NEW.stage_since, days * working_day_minutes()) END;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER client_stage_deadline BEFORE INSERT OR UPDATE OF stage_id, stage_since ON client FOR EACH ROW EXECUTE FUNCTION client_stage_deadline()',
    );
    // The open leads' and clients' deadlines again, a batch of ids at a time (each call its own
    // short transaction, so managers' edits never wait long), changing only rows whose deadline
    // moved; answers the last id done, null at the end. Derived values: not audit-logged (the
    // dictionary edit that caused it is). DeadlineService runs them after a rules change.
    await queryRunner.query(`CREATE FUNCTION recompute_lead_deadlines(after_id integer, batch integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        audit_setting text := current_setting('app.audit', true);
        last_id integer;
      BEGIN
        SELECT max(id) INTO last_id FROM (SELECT id FROM lead WHERE status IN ('new', 'qualifying') AND id > after_id
                                          ORDER BY id LIMIT batch) ids;
        IF last_id IS NULL THEN RETURN NULL; END IF;
        PERFORM set_config('app.audit', 'off', true);
        UPDATE lead SET due_at = computed.due
          FROM (SELECT l.id, CASE WHEN lim.working_hours IS NULL THEN NULL
                                  ELSE working_deadline(l.status_since, lim.working_hours * 60) END AS due
                FROM lead l LEFT JOIN lead_status_limit lim ON lim.status = l.status
                WHERE l.status IN ('new', 'qualifying') AND l.id > after_id AND l.id <= last_id) computed
         WHERE lead.id = computed.id AND lead.due_at IS DISTINCT FROM computed.due;
        PERFORM set_config('app.audit', coalesce(audit_setting, ''), true);
        RETURN last_id;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION recompute_client_deadlines(after_id integer, batch integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        audit_setting text := current_setting('app.audit', true);
        last_id integer;
      BEGIN
        SELECT max(id) INTO last_id FROM (SELECT id FROM client WHERE (stage_kind = 'open' OR stage_due_at IS NOT NULL)
                                            AND id > after_id ORDER BY id LIMIT batch) ids;
        IF last_id IS NULL THEN RETURN NULL; END IF;
        PERFORM set_config('app.audit', 'off', true);
        UPDATE client SET stage_due_at = computed.due
          FROM (SELECT c.id, CASE WHEN s.limit_days IS NULL OR s.kind <> 'open' THEN NULL
                                  ELSE working_deadline(c.stage_since, s.limit_days * working_day_minutes()) END AS due
                FROM client c JOIN stage s ON s.id = c.stage_id
                WHERE (c.stage_kind = 'open' OR c.stage_due_at IS NOT NULL) AND c.id > after_id AND c.id <= last_id) computed
         WHERE client.id = computed.id AND client.stage_due_at IS DISTINCT FROM computed.due;
        PERFORM set_config('app.audit', coalesce(audit_setting, ''), true);
        RETURN last_id;
      END $$`);
    // Whatever changes the calendar, the working hours or the limits (AdminJS, SQL), the deadlines
    // follow: the change asks for a recomputation (an app_setting row), which DeadlineService
    // makes in batches within a minute — recomputing 130 000 open clients inside the
    // administrator's save took 15–30 s and held their rows.
    await queryRunner.query(`CREATE FUNCTION deadline_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO app_setting (key, value) VALUES ('deadlines.recompute_requested', clock_timestamp()::text)
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now();
        RETURN NULL;
      END $$`);
    // The seed: working hours, the lead limits, and the production calendar — 2026 as the
    // government set it, 2027's statutory holidays (its transfers are entered by an administrator).
    await queryRunner.query(`INSERT INTO working_hours (id, starts_at, ends_at) VALUES (1, '09:00', '18:00') ON CONFLICT DO NOTHING`);
    await queryRunner.query(`INSERT INTO lead_status_limit (status, working_hours) VALUES ('new', 4), ('qualifying', 40) ON CONFLICT DO NOTHING`);
    const calendar: [string, string, string][] = [
      ...['01', '02', '03', '04', '05', '06', '08'].map((day): [string, string, string] => [`2026-01-${day}`, 'holiday', 'Новогодние каникулы']),
      ['2026-01-07', 'holiday', 'Рождество Христово'],
      ['2026-01-09', 'holiday', 'Перенос выходного дня с субботы 3 января'],
      ['2026-02-23', 'holiday', 'День защитника Отечества'],
      ['2026-03-08', 'holiday', 'Международный женский день'],
      ['2026-03-09', 'holiday', 'Перенос выходного дня с воскресенья 8 марта'],
      ['2026-05-01', 'holiday', 'Праздник Весны и Труда'],
      ['2026-05-09', 'holiday', 'День Победы'],
      ['2026-05-11', 'holiday', 'Перенос выходного дня с субботы 9 мая'],
      ['2026-06-12', 'holiday', 'День России'],
      ['2026-11-04', 'holiday', 'День народного единства'],
      ['2026-12-31', 'holiday', 'Перенос выходного дня с воскресенья 4 января'],
      ...['01', '02', '03', '04', '05', '06', '08'].map((day): [string, string, string] => [`2027-01-${day}`, 'holiday', 'Новогодние каникулы']),
      ['2027-01-07', 'holiday', 'Рождество Христово'],
      ['2027-02-23', 'holiday', 'День защитника Отечества'],
      ['2027-03-08', 'holiday', 'Международный женский день'],
      ['2027-05-01', 'holiday', 'Праздник Весны и Труда'],
      ['2027-05-03', 'holiday', 'Перенос выходного дня с субботы 1 мая'],
      ['2027-05-09', 'holiday', 'День Победы'],
      ['2027-05-10', 'holiday', 'Перенос выходного дня с воскресенья 9 мая'],
      ['2027-06-12', 'holiday', 'День России'],
      ['2027-06-14', 'holiday', 'Перенос выходного дня с субботы 12 июня'],
      ['2027-11-04', 'holiday', 'День народного единства'],
    ];
    await queryRunner.query(
      `INSERT INTO working_calendar_day (day, kind, name)
       SELECT day, kind::working_calendar_day_kind, name FROM unnest($1::date[], $2::text[], $3::text[]) AS c(day, kind, name)
       ON CONFLICT DO NOTHING`,
      [calendar.map((row) => row[0]), calendar.map((row) => row[1]), calendar.map((row) => row[2])],
    );
    // Stage limits of the seeded pipelines in an existing installation (a new one gets them from
    // the dictionary seed, which runs after the migrations).
    await queryRunner.query(
      `UPDATE stage SET limit_days = v.days
       FROM (VALUES ('standard', 'Новый', 3), ('standard', 'Согласование условий сотрудничества', 10),
                    ('standard', 'Подписание LOI', 10), ('standard', 'Согласование договора', 15),
                    ('standard', 'Подписание договора', 10), ('sectors_1_2', 'Новый', 3),
                    ('sectors_1_2', 'Проявлен интерес к клиенту', 5), ('sectors_1_2', 'Активные переговоры', 15),
                    ('sectors_1_2', 'Заключён LOI', 10), ('sectors_1_2', 'Проект на рассмотрении у клиента', 15),
                    ('sectors_1_2', 'Подписание договора', 10)) AS v(code, name, days)
       JOIN pipeline p ON p.code = v.code
       WHERE stage.pipeline_id = p.id AND stage.name = v.name AND stage.kind = 'open' AND stage.limit_days IS NULL`,
    );
    // Backfill, a batch of ids at a time: since when each lead is in its status (its last status
    // change, else its creation) and each client at its stage (the last change that brought it
    // there, else its creation); the row triggers above set each deadline from it. Derived
    // values, not audit-logged. Not run here: in one statement at 1 M leads it held the tables
    // for minutes while the app waited to start — DeadlineService runs it after the start, in
    // the background (the request row below), each batch its own short transaction.
    await queryRunner.query(`CREATE FUNCTION backfill_lead_since(after_id integer, batch integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        audit_setting text := current_setting('app.audit', true);
        last_id integer;
      BEGIN
        SELECT max(id) INTO last_id FROM (SELECT id FROM lead WHERE id > after_id ORDER BY id LIMIT batch) ids;
        IF last_id IS NULL THEN RETURN NULL; END IF;
        PERFORM set_config('app.audit', 'off', true);
        UPDATE lead SET status_since = changes.since
          FROM (SELECT l.id, coalesce(max(c.changed_at), l.created_at) AS since
                FROM lead l LEFT JOIN lead_status_change c ON c.lead_id = l.id
                WHERE l.id > after_id AND l.id <= last_id GROUP BY l.id) changes
         WHERE changes.id = lead.id AND lead.status_since IS DISTINCT FROM changes.since;
        PERFORM set_config('app.audit', coalesce(audit_setting, ''), true);
        RETURN last_id;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION backfill_client_since(after_id integer, batch integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        audit_setting text := current_setting('app.audit', true);
        last_id integer;
      BEGIN
        SELECT max(id) INTO last_id FROM (SELECT id FROM client WHERE id > after_id ORDER BY id LIMIT batch) ids;
        IF last_id IS NULL THEN RETURN NULL; END IF;
        PERFORM set_config('app.audit', 'off', true);
        UPDATE client SET stage_since = changes.since
          FROM (SELECT cl.id, coalesce(max(c.changed_at), cl.created_at) AS since FROM client cl
                LEFT JOIN client_status_change c ON c.client_id = cl.id AND c.to_stage_id = cl.stage_id
                                                AND c.from_stage IS DISTINCT FROM c.to_stage
                WHERE cl.id > after_id AND cl.id <= last_id GROUP BY cl.id) changes
         WHERE changes.id = client.id AND client.stage_since IS DISTINCT FROM changes.since;
        PERFORM set_config('app.audit', coalesce(audit_setting, ''), true);
        RETURN last_id;
      END $$`);
    await queryRunner.query(
      `INSERT INTO app_setting (key, value) SELECT 'deadlines.backfill', 'lead:0'
       WHERE EXISTS (SELECT 1 FROM lead) OR EXISTS (SELECT 1 FROM client) ON CONFLICT (key) DO NOTHING`,
    );
    // Only now: the seed above needs no recomputation (the row triggers set each deadline).
    for (const [table, events] of [
      ['working_calendar_day', 'INSERT OR UPDATE OR DELETE'],
      ['working_hours', 'INSERT OR UPDATE OR DELETE'],
      ['lead_status_limit', 'INSERT OR UPDATE OR DELETE'],
      ['stage', 'UPDATE OF limit_days'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER deadline_rules_changed AFTER ${events} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION deadline_rules_changed()`,
      );
    }
    // The dictionaries are audited like the others.
    for (const table of ['working_calendar_day', 'working_hours', 'lead_status_limit']) {
      await queryRunner.query(
        `CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_row()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['working_calendar_day', 'working_hours', 'lead_status_limit']) {
      await queryRunner.query(`DROP TRIGGER audit ON "${table}"`);
    }
    for (const table of ['working_calendar_day', 'working_hours', 'lead_status_limit', 'stage']) {
      await queryRunner.query(`DROP TRIGGER deadline_rules_changed ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION deadline_rules_changed()');
    await queryRunner.query('DROP FUNCTION recompute_client_deadlines(integer, integer)');
    await queryRunner.query('DROP FUNCTION recompute_lead_deadlines(integer, integer)');
    await queryRunner.query(`DELETE FROM app_setting WHERE key IN ('deadlines.recompute_requested', 'deadlines.backfill')`);
    await queryRunner.query('DROP FUNCTION backfill_client_since(integer, integer)');
    await queryRunner.query('DROP FUNCTION backfill_lead_since(integer, integer)');
    await queryRunner.query('DROP TRIGGER client_stage_deadline ON client');
    await queryRunner.query('DROP FUNCTION client_stage_deadline()');
    await queryRunner.query('DROP TRIGGER lead_deadline ON lead');
    await queryRunner.query('DROP FUNCTION lead_deadline()');
    await queryRunner.query('DROP FUNCTION working_deadline(timestamptz, integer)');
    await queryRunner.query('DROP FUNCTION working_day_minutes()');
    for (const index of ['history_event_planned_user_date', 'client_stage_due_at', 'client_department_stage_due_at', 'client_responsible_stage_due_at', 'lead_due_at', 'lead_responsible_due_at', 'lead_department_due_at']) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_lead_unique\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"notification_kind_report_unique\"");
    await queryRunner.query("ALTER TABLE \"stage\" DROP CONSTRAINT \"stage_limit_days_positive\"");
    // The reminders go with the feature: the old kinds cannot hold them.
    await queryRunner.query("DELETE FROM notification WHERE kind IN ('overdue_digest', 'overdue_item')");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('lead_created', 'report')");
    await queryRunner.query("ALTER TABLE \"notification\" ALTER COLUMN \"kind\" TYPE \"public\".\"notification_kind_old\" USING \"kind\"::\"text\"::\"public\".\"notification_kind_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind\"");
    await queryRunner.query("ALTER TYPE \"public\".\"notification_kind_old\" RENAME TO \"notification_kind\"");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_lead_unique\" UNIQUE (\"kind\", \"lead_id\")");
    await queryRunner.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"notification_kind_report_unique\" UNIQUE (\"kind\", \"report_id\")");
    await queryRunner.query("ALTER TABLE \"notification\" DROP CONSTRAINT \"UQ_b390c6bcca8179ba55a6eb95fac\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP COLUMN \"dedupe_key\"");
    await queryRunner.query("ALTER TABLE \"history_event\" DROP COLUMN \"planned\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP COLUMN \"stage_due_at\"");
    await queryRunner.query("ALTER TABLE \"client\" DROP COLUMN \"stage_since\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"due_at\"");
    await queryRunner.query("ALTER TABLE \"lead\" DROP COLUMN \"status_since\"");
    await queryRunner.query("ALTER TABLE \"stage\" DROP COLUMN \"limit_days\"");
    await queryRunner.query("DROP TABLE \"working_hours\"");
    await queryRunner.query("DROP TABLE \"working_calendar_day\"");
    await queryRunner.query("DROP TYPE \"public\".\"working_calendar_day_kind\"");
    await queryRunner.query("DROP TABLE \"lead_status_limit\"");
  }
}
