import type { DataSource, EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';

/**
 * Years of a busy park's data for performance work (`npm run seed:volume`): generated inside
 * PostgreSQL (`INSERT … SELECT` over `generate_series`, seeded `random()`), so a million leads
 * take minutes, not hours. Distributions are plausible: most leads processed and about a fifth of
 * those converted, clients spread over both pipelines with a narrowing funnel, deals with one to
 * five lines, history events over each client's life. Only into a CRM without leads.
 *
 * A LATERAL subquery that names no column of the outer row is computed once for the whole query,
 * so each one holding `random()` names one (`WHERE g > 0`): every row draws its own numbers.
 */
export interface VolumeOptions {
  leads: number;
  /** About this many clients (converted leads). */
  clients: number;
  deals: number;
  events: number;
  premises: number;
  users: number;
  years: number;
  /** The password of every generated user (its argon2 hash is computed once). */
  passwordHash: string;
  seed?: number;
}

export const defaultVolume: Omit<VolumeOptions, 'passwordHash'> = {
  leads: 1_000_000,
  clients: 200_000,
  deals: 100_000,
  events: 1_000_000,
  premises: 300,
  users: 50,
  years: 5,
};

export interface VolumeResult {
  users: number;
  premises: number;
  leads: number;
  leadStatusChanges: number;
  clients: number;
  clientStatusChanges: number;
  deals: number;
  dealLines: number;
  historyEvents: number;
}

type Step = (label: string, rows: number, ms: number) => void;

export async function seedVolume(
  dataSource: DataSource,
  options: VolumeOptions,
  progress: Step = () => undefined,
): Promise<VolumeResult> {
  const result = await dataSource.transaction(async (manager) => {
    const [{ leads }] = (await manager.query('SELECT count(*)::int AS leads FROM lead')) as {
      leads: number;
    }[];
    if (leads > 0) {
      throw new DomainError(
        'volume_seed.not_empty',
        'В базе уже есть лиды: объёмные данные заполняются только в пустую CRM',
      );
    }
    // Generated data is not anybody's change: the audit log stays out of it (and a million
    // audit rows would double the time).
    await manager.query(`SELECT set_config('app.audit', 'off', true)`);
    // The same numbers on every run with the same options.
    await manager.query('SELECT setseed($1)', [((options.seed ?? 42) % 1000) / 1000]);
    // Each step counts its rows in PostgreSQL (a million rows never travel to Node).
    const run = async (label: string, sql: string, params: unknown[] = []) => {
      const started = performance.now();
      const counted = /^\s*(INSERT|UPDATE)/i.test(sql);
      const result = (await manager.query(
        counted ? `WITH step AS (${sql} RETURNING 1) SELECT count(*)::int AS rows FROM step` : sql,
        params,
      )) as { rows: number }[];
      const rows = counted ? result[0].rows : 0;
      progress(label, rows, performance.now() - started);
      return rows;
    };
    const result: VolumeResult = {
      users: await users(run, options),
      premises: await premises(run, options),
      leads: 0,
      leadStatusChanges: 0,
      clients: 0,
      clientStatusChanges: 0,
      deals: 0,
      dealLines: 0,
      historyEvents: 0,
    };
    Object.assign(result, await leadsAndChanges(manager, run, options));
    Object.assign(result, await clientsAndChanges(manager, run));
    Object.assign(result, await dealsAndLines(manager, run, options));
    result.historyEvents = await historyEvents(run, options);
    for (const table of ['lead', 'client', 'deal', 'deal_line', 'history_event', 'app_user', 'premises']) {
      await manager.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`,
      );
    }
    return result;
  });
  // Outside the transaction: VACUUM sets the visibility map, without which counting a million rows
  // reads the whole table instead of an index (autovacuum would get there, minutes later).
  const started = performance.now();
  await dataSource.query('VACUUM ANALYZE');
  progress('VACUUM ANALYZE', 0, performance.now() - started);
  return result;
}

type Run = (label: string, sql: string, params?: unknown[]) => Promise<number>;

/** Managers spread over the departments, two administrators, three committee members. */
async function users(run: Run, options: VolumeOptions): Promise<number> {
  return run(
    'пользователи',
    `INSERT INTO app_user (email, full_name, role, department_id, password_hash)
     SELECT 'volume.user' || g || '@kosino.example',
            (ARRAY['Анна','Борис','Вера','Глеб','Дарья','Егор','Жанна','Иван','Ксения','Лев'])[1 + g % 10] || ' ' ||
            (ARRAY['Смирнов','Кузнецов','Попов','Васильев','Петров','Соколов','Михайлов','Новиков'])[1 + g % 8] || 'а-' || g,
            CASE WHEN g <= 2 THEN 'admin' WHEN g <= 5 THEN 'committee' ELSE 'manager' END::user_role,
            CASE WHEN g > 5 THEN (SELECT id FROM department ORDER BY id OFFSET (g % (SELECT count(*) FROM department)) LIMIT 1) END,
            $2
     FROM generate_series(1, $1) g
     ON CONFLICT (email) DO NOTHING`,
    [options.users, options.passwordHash],
  );
}

async function premises(run: Run, options: VolumeOptions): Promise<number> {
  return run(
    'помещения',
    `INSERT INTO premises (object_type_id, zone, sector, number, area_m2)
     SELECT t.id, chr(1040 + (g % 6)), (1 + g % 7)::text, 'V-' || g, round((30 + random() * 3000)::numeric, 2)
     FROM generate_series(1, $1) g
     JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM object_type) t
       ON t.n = g % t.total
     ON CONFLICT DO NOTHING`,
    [options.premises],
  );
}

/**
 * Leads over the years (more of them recently), with their status histories: a lead older than
 * two weeks is almost always processed; about `clients / processed` of the processed ones convert.
 */
async function leadsAndChanges(manager: EntityManager, run: Run, options: VolumeOptions) {
  const convertRate = Math.min(1, options.clients / (options.leads * 0.93));
  await manager.query(
    `CREATE TEMP TABLE volume_lead ON COMMIT DROP AS
     SELECT g AS id, t.id AS object_type_id, t.department_id,
            submitted, taken, processed,
            CASE WHEN processed IS NOT NULL THEN (CASE WHEN random() < $3 THEN 'convert' ELSE 'inactive' END) END AS outcome,
            (SELECT u.id FROM app_user u WHERE u.role = 'manager' AND u.department_id = t.department_id
             ORDER BY u.id OFFSET (g % greatest(1, (SELECT count(*) FROM app_user m
                                                   WHERE m.role = 'manager' AND m.department_id = t.department_id)))
             LIMIT 1) AS manager_id
     FROM generate_series(1, $1) g
     CROSS JOIN LATERAL (SELECT floor(random() * (SELECT count(*) FROM object_type)) AS type_number WHERE g > 0) pick
     CROSS JOIN LATERAL (SELECT now() - (random() ^ 1.5) * make_interval(days => 365 * $2) AS submitted WHERE g > 0) s
     CROSS JOIN LATERAL (
       SELECT CASE WHEN now() - s.submitted > interval '2 days' OR random() < 0.6
                   THEN least(s.submitted + (random() ^ 3) * interval '48 hours', now()) END AS taken) q
     CROSS JOIN LATERAL (
       SELECT CASE WHEN q.taken IS NOT NULL AND (now() - s.submitted > interval '14 days' AND random() < 0.97
                                                OR random() < 0.3)
                   THEN least(q.taken + random() * interval '10 days', now()) END AS processed) p
     JOIN (SELECT id, department_id, row_number() OVER (ORDER BY id) - 1 AS n FROM object_type) t
       ON t.n = pick.type_number`,
    [options.leads, options.years, convertRate],
  );
  const leads = await run(
    'лиды',
    `INSERT INTO lead (id, status, source, name, company, phone, email, object_type_id, department_id, submitted_at,
                       created_at, updated_at, status_since, consent_text_version, consent_at, consent_ip, responsible_user_id,
                       primary_result, primary_result_date, summary, summary_date, outcome)
     SELECT id,
            (CASE WHEN processed IS NOT NULL THEN 'processed' WHEN taken IS NOT NULL THEN 'qualifying' ELSE 'new' END)::lead_status,
            'form', (ARRAY['Иван Петров','Анна Соколова','Дмитрий Орлов','Елена Кузнецова','Сергей Волков'])[1 + id % 5],
            (ARRAY['ООО','АО','ИП'])[1 + id % 3] || ' «' ||
              (ARRAY['Агроторг','Вкусный двор','Северная рыба','Молочный край','Фреш Логистик','Полярис','Фармация',
                     'ТрансКарго','Гастроном','ЭкоФерма'])[1 + (id / 3) % 10] || ' ' || id || '»',
            '+7495' || lpad(((id::bigint * 7919) % 9999999)::text, 7, '0'),
            'lead' || id || '@example.ru',
            object_type_id, department_id, submitted, submitted, coalesce(processed, taken, submitted),
            coalesce(processed, taken, submitted),
            '1', submitted, '127.0.0.1', manager_id,
            CASE WHEN taken IS NOT NULL THEN 'Потребность выяснена' END,
            (taken AT TIME ZONE 'Europe/Moscow')::date,
            CASE WHEN processed IS NOT NULL THEN 'Итог обработки' END,
            (processed AT TIME ZONE 'Europe/Moscow')::date,
            outcome::lead_outcome
     FROM volume_lead`,
  );
  const changes = await run(
    'история статусов лидов',
    `INSERT INTO lead_status_change (lead_id, from_status, to_status, user_id, changed_at)
     SELECT id, 'draft'::lead_status, 'new'::lead_status, NULL::int, submitted FROM volume_lead
     UNION ALL SELECT id, 'new', 'qualifying', manager_id, taken FROM volume_lead WHERE taken IS NOT NULL
     UNION ALL SELECT id, 'qualifying', 'processed', manager_id, processed FROM volume_lead WHERE processed IS NOT NULL`,
  );
  return { leads, leadStatusChanges: changes };
}

/**
 * A client card per converted lead, placed in its pipeline: most stay in an early stage, fewer
 * get further, a fifth sign, a sixth are deactivated; the timeline has a row per stage passed.
 */
async function clientsAndChanges(manager: EntityManager, run: Run) {
  await manager.query(
    `CREATE TEMP TABLE volume_stage ON COMMIT DROP AS
     SELECT s.id, s.pipeline_id, s.name, s.kind, row_number() OVER (PARTITION BY s.pipeline_id ORDER BY s.position) AS n,
            count(*) FILTER (WHERE s.kind = 'open') OVER (PARTITION BY s.pipeline_id) AS open_stages
     FROM stage s`,
  );
  await manager.query(
    `CREATE TEMP TABLE volume_client ON COMMIT DROP AS
     SELECT row_number() OVER (ORDER BY l.id) AS id, l.id AS lead_id, l.department_id, l.manager_id, l.processed AS created,
            l.company_sector, sc.pipeline_id, f.fate, f.depth
     FROM (SELECT v.*, CASE WHEN random() < 0.8 THEN floor(random() * (SELECT count(*) FROM client_sector)) END AS company_sector
           FROM volume_lead v WHERE v.outcome = 'convert') l
     LEFT JOIN LATERAL (SELECT id AS sector_id, pipeline_id FROM client_sector WHERE l.company_sector IS NOT NULL
                        ORDER BY position OFFSET l.company_sector LIMIT 1) sc ON true
     CROSS JOIN LATERAL (SELECT random() AS r, floor((random() ^ 2) * 5)::int AS reached WHERE l.id > 0) x
     CROSS JOIN LATERAL (SELECT CASE WHEN x.r < 0.17 THEN 'lost' WHEN x.r < 0.37 THEN 'won' ELSE 'open' END AS fate,
                                x.reached AS depth) f`,
  );
  await manager.query(
    `UPDATE volume_client c SET pipeline_id = (SELECT id FROM pipeline WHERE code = 'standard') WHERE pipeline_id IS NULL`,
  );
  // The stages each client went through: open stages 1..k, then won or lost.
  await manager.query(
    `CREATE TEMP TABLE volume_move ON COMMIT DROP AS
     SELECT c.id AS client_id, s.id AS stage_id, s.name, s.kind, s.n,
            least(c.created + (s.n - 1) * interval '9 days' + random() * interval '5 days', now()) AS at
     FROM volume_client c
     JOIN volume_stage s ON s.pipeline_id = c.pipeline_id AND s.kind = 'open'
      AND s.n <= CASE WHEN c.fate = 'won' THEN s.open_stages ELSE least(c.depth + 1, s.open_stages) END
     UNION ALL
     SELECT c.id, s.id, s.name, s.kind, 100,
            least(c.created + 60 * interval '1 day' + random() * interval '30 days', now())
     FROM volume_client c JOIN volume_stage s ON s.pipeline_id = c.pipeline_id AND s.kind::text = c.fate
     WHERE c.fate IN ('won', 'lost')`,
  );
  await manager.query('CREATE INDEX ON volume_move (client_id, n)');
  await manager.query('ANALYZE volume_move');
  const clients = await run(
    'клиенты',
    `INSERT INTO client (id, added_on, source, created_from_lead_id, company_name, sector_id, company_profile_id,
                         product_category_id, department_id, responsible_user_id, email, contacts, pipeline_id, stage_id,
                         stage_kind, inactive_reason, resume_stage_id, turnover_enabled, turnover_value, turnover_unit,
                         turnover_year, created_at, updated_at, stage_since)
     SELECT c.id, (c.created AT TIME ZONE 'Europe/Moscow')::date, 'Форма обратной связи', c.lead_id, l.company,
            (SELECT id FROM client_sector WHERE c.company_sector IS NOT NULL ORDER BY position OFFSET c.company_sector LIMIT 1),
            CASE WHEN c.id % 5 <> 0 THEN (SELECT id FROM company_profile ORDER BY id OFFSET (c.id % 43) LIMIT 1) END,
            CASE WHEN c.id % 4 <> 0 THEN (SELECT id FROM product_category ORDER BY id OFFSET (c.id % 8) LIMIT 1) END,
            c.department_id, c.manager_id, l.email,
            jsonb_build_array(jsonb_build_object('lastName', split_part(l.name, ' ', 2), 'firstName', split_part(l.name, ' ', 1),
              'middleName', null, 'position', null, 'phone', l.phone, 'email', null)),
            c.pipeline_id, last.stage_id, last.kind::stage_kind,
            CASE WHEN last.kind = 'lost' THEN 'Выбрали другой парк' END,
            CASE WHEN last.kind = 'lost' THEN resume.stage_id END,
            c.id % 3 = 0,
            CASE WHEN c.id % 3 = 0 THEN round((random() * 500)::numeric, 3) END,
            CASE WHEN c.id % 3 = 0 THEN (CASE WHEN c.id % 2 = 0 THEN 'rub' ELSE 'thousand_tonnes' END)::client_turnover_unit END,
            CASE WHEN c.id % 3 = 0 THEN extract(year FROM c.created)::int END,
            c.created, last.at, last.at
     FROM volume_client c JOIN lead l ON l.id = c.lead_id
     CROSS JOIN LATERAL (SELECT m.stage_id, m.kind, m.at FROM volume_move m WHERE m.client_id = c.id ORDER BY m.n DESC LIMIT 1) last
     LEFT JOIN LATERAL (SELECT m.stage_id FROM volume_move m WHERE m.client_id = c.id AND m.kind = 'open' ORDER BY m.n DESC LIMIT 1) resume ON true`,
  );
  await manager.query(`UPDATE lead SET client_id = c.id FROM volume_client c WHERE lead.id = c.lead_id`);
  const changes = await run(
    'история статусов клиентов',
    `INSERT INTO client_status_change (client_id, kind, from_stage, to_stage, to_stage_id, remark, user_id, changed_at)
     SELECT m.client_id,
            (CASE WHEN m.n = 1 THEN 'created' WHEN m.kind = 'won' THEN 'contract' WHEN m.kind = 'lost' THEN 'deactivated'
                  ELSE 'advanced' END)::client_status_change_kind,
            lag(m.name) OVER (PARTITION BY m.client_id ORDER BY m.n), m.name, m.stage_id,
            CASE WHEN m.kind = 'lost' THEN 'Выбрали другой парк' END, c.manager_id, m.at
     FROM volume_move m JOIN volume_client c ON c.id = m.client_id`,
  );
  return { clients, clientStatusChanges: changes };
}

/**
 * Deals of random clients: LOIs and contracts, most signed long ago and closed, some signed,
 * a few drafts and cancellations; one to five lines each (services mostly, premises sometimes).
 * The latest signed premises lines occupy distinct premises, so occupancy never overlaps.
 */
async function dealsAndLines(manager: EntityManager, run: Run, options: VolumeOptions) {
  const deals = await run(
    'сделки',
    `INSERT INTO deal (id, client_id, kind, status, deal_date, starts_on, responsible_user_id, total, signed_at, closed_at,
                       cancelled_at, created_at, updated_at)
     SELECT g, c.id, (CASE WHEN random() < 0.4 THEN 'loi' ELSE 'contract' END)::deal_kind, st.status::deal_status,
            (at AT TIME ZONE 'Europe/Moscow')::date, (at AT TIME ZONE 'Europe/Moscow')::date + 14, c.responsible_user_id, 0,
            CASE WHEN st.status <> 'draft' THEN at END,
            CASE WHEN st.status = 'closed' THEN least(at + interval '300 days', now()) END,
            CASE WHEN st.status = 'cancelled' THEN least(at + interval '20 days', now()) END,
            at, at
     FROM generate_series(1, $1) g
     CROSS JOIN LATERAL (SELECT (1 + floor(random() * (SELECT max(id) FROM client)))::int AS client_id WHERE g > 0) pick
     JOIN client c ON c.id = pick.client_id
     CROSS JOIN LATERAL (
       SELECT greatest(c.created_at, least(c.created_at + random() * interval '200 days', now() - interval '1 hour')) AS at) t
     CROSS JOIN LATERAL (SELECT CASE WHEN x < 0.08 THEN 'draft' WHEN x < 0.13 THEN 'cancelled'
                                     WHEN x < 0.45 THEN 'signed' ELSE 'closed' END AS status
                         FROM (SELECT random() AS x WHERE g > 0) r) st`,
    [options.deals],
  );
  const lines = await run(
    'строки сделок',
    `INSERT INTO deal_line (deal_id, position, kind, premises_id, service_type_id, volume, term_years, cost_per_year, department_id)
     SELECT d.id, n, (CASE WHEN p.id IS NOT NULL THEN 'premises' ELSE s.kind::text END)::deal_line_kind,
            p.id, CASE WHEN p.id IS NULL THEN s.id END, CASE WHEN p.id IS NULL THEN 'По заявкам клиента' END,
            1 + floor(random() * 5)::int, round((100000 + random() * 5000000)::numeric, 2),
            coalesce(t.department_id, s.department_id)
     FROM deal d
     CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 5)::int + 0 * d.id) n
     CROSS JOIN LATERAL (SELECT random() < 0.25 AS premises, random() AS which WHERE n > 0) r
     LEFT JOIN LATERAL (SELECT id, object_type_id FROM premises WHERE r.premises
                        ORDER BY id OFFSET floor(r.which * $1) LIMIT 1) p ON true
     LEFT JOIN object_type t ON t.id = p.object_type_id
     LEFT JOIN LATERAL (SELECT id, kind, department_id FROM service_type
                        ORDER BY id OFFSET floor(r.which * 17) LIMIT 1) s ON true`,
    [options.premises],
  );
  await run(
    'занятость помещений',
    `UPDATE deal_line l SET premises_id = pick.premises_id, department_id = pick.department_id,
            occupancy = daterange(d.starts_on, (d.starts_on + make_interval(years => l.term_years))::date)
     FROM (SELECT l2.id, p.id AS premises_id, p.department_id
           FROM (SELECT l.id, row_number() OVER (ORDER BY d.signed_at DESC, l.id) AS n
                 FROM deal_line l JOIN deal d ON d.id = l.deal_id
                 WHERE l.kind = 'premises' AND d.status = 'signed') l2
           JOIN (SELECT p.id, t.department_id, row_number() OVER (ORDER BY p.id) AS n
                 FROM premises p JOIN object_type t ON t.id = p.object_type_id) p ON p.n = l2.n) pick,
          deal d
     WHERE l.id = pick.id AND d.id = l.deal_id`,
  );
  await run(
    'суммы сделок',
    `UPDATE deal d SET total = s.total
     FROM (SELECT deal_id, sum(cost_per_year * term_years) AS total FROM deal_line GROUP BY deal_id) s
     WHERE s.deal_id = d.id`,
  );
  return { deals, dealLines: lines };
}

async function historyEvents(run: Run, options: VolumeOptions): Promise<number> {
  return run(
    'события истории',
    `INSERT INTO history_event (client_id, type_id, comment, event_date, user_id, automatic, created_at, updated_at)
     SELECT c.id, (SELECT id FROM history_event_type ORDER BY id OFFSET (g % 3) LIMIT 1),
            (ARRAY['Созвонились, обсудили потребность в площадях','Отправили коммерческое предложение',
                   'Провели экскурсию по парку','Клиент запросил встречные условия','Согласовали график платежей'])[1 + g % 5],
            (at AT TIME ZONE 'Europe/Moscow')::date, c.responsible_user_id, false, at, at
     FROM generate_series(1, $1) g
     CROSS JOIN LATERAL (SELECT (1 + floor(random() * (SELECT max(id) FROM client)))::int AS client_id WHERE g > 0) pick
     JOIN client c ON c.id = pick.client_id
     CROSS JOIN LATERAL (SELECT least(c.created_at + random() * (now() - c.created_at), now()) AS at) t`,
    [options.events],
  );
}
