/**
 * The CURRENT text of the PL/pgSQL that computes deadlines: the working-time function, the row
 * triggers that keep every lead's and client's deadline (whatever writes the row — the public
 * form's group commit included), the recomputation after a rules change and the backfill. This
 * file is their one home; the migration history holds only how they came to be.
 *
 * To change a function or a trigger: edit it here, then add a migration that re-installs them
 * (`installDeadlineFunctions`, as 1796500000000-DeadlineFunctions does). Every statement is
 * `CREATE OR REPLACE`, so installing twice changes nothing. A change of a function's arguments
 * or result type cannot be replaced in place: that migration drops the old one first.
 * test/e2e/deadline-functions.e2e.ts checks that the database holds exactly this text.
 */

/** A function of the deadlines: its signature, and its body as PostgreSQL stores it (`prosrc`). */
export interface DeadlineFunction {
  name: string;
  /** The arguments, as declared (`start timestamptz, minutes integer`). */
  arguments: string;
  returns: string;
  /** Language and volatility. */
  attributes: string;
  body: string;
}

/** A trigger that runs one of the functions above. */
export interface DeadlineTrigger {
  name: string;
  table: string;
  /** When it fires, events in PostgreSQL's own order (INSERT, DELETE, UPDATE), as pg_get_triggerdef shows them. */
  timing: string;
  level: 'ROW' | 'STATEMENT';
  function: string;
}

/** Installed in this order: working_deadline before the functions that call it. */
export const deadlineFunctions: readonly DeadlineFunction[] = [
  /**
   * The working day's length in minutes (working_hours, 09:00–18:00 unless an administrator changed
   * it).
   */
  {
    name: 'working_day_minutes',
    arguments: '',
    returns: 'integer',
    attributes: 'LANGUAGE sql STABLE',
    body: `
    SELECT coalesce((SELECT (extract(epoch FROM ends_at - starts_at) / 60)::integer FROM working_hours WHERE id = 1), 540)
`,
  },
  /**
   * `start` plus `minutes` of working time: Moscow working hours of working days — Monday to Friday
   * unless working_calendar_day says 'holiday', Saturday and Sunday when it says 'workday'. A start
   * outside working hours counts from the next working moment. The one implementation the triggers
   * and the recomputation use.
   */
  {
    name: 'working_deadline',
    arguments: 'start timestamptz, minutes integer',
    returns: 'timestamptz',
    attributes: 'LANGUAGE plpgsql STABLE',
    body: `
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
    END
`,
  },
  /**
   * A lead's deadline: since when it is in its status, and by when it must leave it. Set on insert
   * and when the status (or, by hand, the start) changes; otherwise the row keeps it
   * (recompute_lead_deadlines sets due_at alone). Drafts and processed leads return at once: the
   * public form's autosaves pay one comparison.
   */
  {
    name: 'lead_deadline',
    arguments: '',
    returns: 'trigger',
    attributes: 'LANGUAGE plpgsql',
    body: `
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
    END
`,
  },
  /**
   * A client's deadline at its stage: the stage's limit in working days (of working_day_minutes)
   * from when the client came to it; none at a stage without a limit or that is not open.
   */
  {
    name: 'client_stage_deadline',
    arguments: '',
    returns: 'trigger',
    attributes: 'LANGUAGE plpgsql',
    body: `
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
    END
`,
  },
  /**
   * The open leads' deadlines again, a batch of ids at a time (each call its own short transaction,
   * so managers' edits never wait long), changing only rows whose deadline moved; answers the last
   * id done, null at the end. Derived values: not audit-logged (the dictionary edit that caused it
   * is). DeadlineService runs it after a rules change.
   */
  {
    name: 'recompute_lead_deadlines',
    arguments: 'after_id integer, batch integer',
    returns: 'integer',
    attributes: 'LANGUAGE plpgsql',
    body: `
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
    END
`,
  },
  /**
   * The open clients' deadlines again, as recompute_lead_deadlines does for leads.
   */
  {
    name: 'recompute_client_deadlines',
    arguments: 'after_id integer, batch integer',
    returns: 'integer',
    attributes: 'LANGUAGE plpgsql',
    body: `
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
    END
`,
  },
  /**
   * Whatever changes the calendar, the working hours or the limits (AdminJS, SQL), the deadlines
   * follow: the change asks for a recomputation (an app_setting row), which DeadlineService makes in
   * batches within a minute — recomputing 130 000 open clients inside the administrator's save took
   * 15–30 s and held their rows.
   */
  {
    name: 'deadline_rules_changed',
    arguments: '',
    returns: 'trigger',
    attributes: 'LANGUAGE plpgsql',
    body: `
    BEGIN
      INSERT INTO app_setting (key, value) VALUES ('deadlines.recompute_requested', clock_timestamp()::text)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now();
      RETURN NULL;
    END
`,
  },
  /**
   * Since when each lead is in its status (its last status change, else its creation), a batch of
   * ids at a time; the row trigger sets its deadline from it. Derived values, not audit-logged.
   * DeadlineService runs it in the background after the start.
   */
  {
    name: 'backfill_lead_since',
    arguments: 'after_id integer, batch integer',
    returns: 'integer',
    attributes: 'LANGUAGE plpgsql',
    body: `
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
    END
`,
  },
  /**
   * Since when each client is at its stage (the last change that brought it there, else its
   * creation), as backfill_lead_since does for leads.
   */
  {
    name: 'backfill_client_since',
    arguments: 'after_id integer, batch integer',
    returns: 'integer',
    attributes: 'LANGUAGE plpgsql',
    body: `
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
    END
`,
  },
];

export const deadlineTriggers: readonly DeadlineTrigger[] = [
  {
    name: 'lead_deadline',
    table: 'lead',
    timing: 'BEFORE INSERT OR UPDATE OF status, status_since',
    level: 'ROW',
    function: 'lead_deadline',
  },
  {
    name: 'client_stage_deadline',
    table: 'client',
    timing: 'BEFORE INSERT OR UPDATE OF stage_id, stage_since',
    level: 'ROW',
    function: 'client_stage_deadline',
  },
  // A change of the rules asks for a recomputation, once per statement.
  ...(
    [
      ['working_calendar_day', 'AFTER INSERT OR DELETE OR UPDATE'],
      ['working_hours', 'AFTER INSERT OR DELETE OR UPDATE'],
      ['lead_status_limit', 'AFTER INSERT OR DELETE OR UPDATE'],
      ['stage', 'AFTER UPDATE OF limit_days'],
    ] as const
  ).map(([table, timing]): DeadlineTrigger => ({
    name: 'deadline_rules_changed',
    table,
    timing,
    level: 'STATEMENT',
    function: 'deadline_rules_changed',
  })),
];

export function createFunctionStatement(fn: DeadlineFunction): string {
  return `CREATE OR REPLACE FUNCTION ${fn.name}(${fn.arguments}) RETURNS ${fn.returns} ${fn.attributes} AS $$${fn.body}$$`;
}

export function createTriggerStatement(trigger: DeadlineTrigger): string {
  return (
    `CREATE OR REPLACE TRIGGER ${trigger.name} ${trigger.timing} ON "${trigger.table}" ` +
    `FOR EACH ${trigger.level} EXECUTE FUNCTION ${trigger.function}()`
  );
}

/** Every statement, functions first (a trigger names its function). */
export function deadlineStatements(): string[] {
  return [...deadlineFunctions.map(createFunctionStatement), ...deadlineTriggers.map(createTriggerStatement)];
}

/** Installs the text above in the caller's transaction (a migration's query runner, a test). */
export async function installDeadlineFunctions(database: {
  query: (sql: string) => Promise<unknown>;
}): Promise<void> {
  for (const statement of deadlineStatements()) await database.query(statement);
}
