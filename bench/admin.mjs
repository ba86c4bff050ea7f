// `npm run bench:admin`: the AdminJS API calls behind the screens managers use most, as a
// logged-in manager, over the volume data (`seed:volume`: a million leads by default):
// p50/p95/p99 over BENCH_REQUESTS (200) sequential requests each, after a warm-up. Baseline in the
// same run: the equivalent hand-written SQL (the page's rows and its count, capped as the app's) on
// the same database.
//
// Database: BENCH_DATABASE_URL (already filled by `npm run seed:volume`, or empty — then it is
// filled here), or a throw-away embedded PostgreSQL filled with BENCH_VOLUME_LEADS leads (and the
// other volumes in proportion).
import os from 'node:os';

import pg from 'pg';

import { LIST_COUNT_CAP } from '../dist/src/common/list-count.js';
import { moscowToday } from '../dist/src/common/moscow-date.js';
import { buildDataSource } from '../dist/src/database/data-source.js';
import { loadDepartmentWeek } from '../dist/src/modules/report/repositories/department-week.js';
import { addDays, weekOf } from '../dist/src/modules/report/report-periods.js';
import { BENCH_MANAGER, fillForBench, latencies, logIn, scratchDatabase, startApp } from './common.mjs';

const requests = Number(process.env.BENCH_REQUESTS ?? 200);

const pick = (items) => items[Math.floor(Math.random() * items.length)];

async function time(run) {
  for (let index = 0; index < 10; index += 1) await run(); // warm-up: JIT, caches, plans
  const times = [];
  for (let index = 0; index < requests; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return latencies(times);
}

const database = await scratchDatabase('admin');
let app;
const client = new pg.Client({ connectionString: database.url });
let dataSource;
try {
  await fillForBench(database.url);
  await client.connect();
  dataSource = buildDataSource({ url: database.url, poolSize: 2 });
  await dataSource.initialize();
  const sample = async (sql) => (await client.query(sql)).rows;
  const departments = (await sample('SELECT id FROM department')).map((row) => row.id);
  const stages = (await sample('SELECT id FROM stage')).map((row) => row.id);
  const sectors = (await sample('SELECT id FROM client_sector')).map((row) => row.id);
  const leadSample = await sample(
    // What a manager types: the name of the company (inside «»), or the last digits of a phone.
    `SELECT phone, split_part(split_part(company, '«', 2), '»', 1) AS word FROM lead ORDER BY random() LIMIT 200`,
  );
  const clientIds = (await sample('SELECT id FROM client ORDER BY random() LIMIT 200')).map((row) => row.id);
  const dealIds = (await sample('SELECT id FROM deal ORDER BY random() LIMIT 200')).map((row) => row.id);
  const [{ leads, clients, deals, events }] = await sample(
    `SELECT (SELECT count(*) FROM lead)::int AS leads, (SELECT count(*) FROM client)::int AS clients,
            (SELECT count(*) FROM deal)::int AS deals, (SELECT count(*) FROM history_event)::int AS events`,
  );
  // «Поиск»: what a manager types when a client calls. The volume data has no INN: 200 cards get one.
  const searchSample = await sample(
    `SELECT l.phone, l.email, l.name, l.company, c.contacts->0 AS contact
     FROM lead l LEFT JOIN client c ON c.created_from_lead_id = l.id ORDER BY random() LIMIT 200`,
  );
  await client.query(
    `UPDATE client SET inn_enabled = true, inn = lpad((7700000000 + id)::text, 10, '0')
     WHERE id IN (SELECT id FROM client WHERE inn IS NULL ORDER BY random() LIMIT 200)
       AND NOT EXISTS (SELECT 1 FROM client WHERE inn = lpad((7700000000 + id)::text, 10, '0'))`,
  );
  const inns = (await sample('SELECT inn FROM client WHERE inn IS NOT NULL LIMIT 200')).map((row) => row.inn);
  // One letter of the company's name changed (not its number): «Северная рыба 123» → «Северная рыпа 123».
  const withTypo = (company) => {
    const name = company.replace(/^(ООО|АО|ИП) /, '').replace(/[«»]/g, '');
    const letters = [...name.matchAll(/[а-яё]/g)].map((match) => match.index);
    const at = letters[Math.floor(Math.random() * letters.length)];
    return name.slice(0, at) + (name[at] === 'о' ? 'а' : 'о') + name.slice(at + 1);
  };
  const searchPage = async (q) => {
    const response = await fetch(`${app.base}/admin/api/pages/search?q=${encodeURIComponent(q)}`, {
      headers: { cookie },
    });
    if (!response.ok) throw new Error(`search ${q}: ${response.status}`);
    return response.json();
  };
  // The SQL baseline of a search: the same lookups by hand, without the ranking cascade.
  const leadById = 'SELECT id, company, name, phone, status FROM lead WHERE';
  const searchCases = [
    [
      'Поиск: телефон целиком (8 (495) …)',
      () =>
        searchPage(pick(searchSample).phone.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, '8 ($1) $2-$3-$4')),
      async () => {
        const { phone } = pick(searchSample);
        await client.query(`${leadById} reverse(phone) = reverse($1) LIMIT 10`, [phone]);
        await client.query('SELECT id FROM client WHERE reverse(phone) = reverse($1) LIMIT 10', [phone]);
        await client.query(
          `SELECT id FROM client WHERE contacts @> jsonb_build_array(jsonb_build_object('phone', $1::text)) LIMIT 10`,
          [phone],
        );
      },
    ],
    [
      'Поиск: последние 7 цифр телефона',
      () => searchPage(pick(searchSample).phone.slice(-7)),
      async () => {
        const digits = pick(searchSample).phone.slice(-7);
        const reversed = `${[...digits].reverse().join('')}%`;
        await client.query(`${leadById} reverse(phone) LIKE $1 LIMIT 10`, [reversed]);
        await client.query('SELECT id FROM client WHERE reverse(phone) LIKE $1 LIMIT 10', [reversed]);
      },
    ],
    [
      'Поиск: ИНН',
      () => searchPage(pick(inns)),
      () => client.query('SELECT id, company_name FROM client WHERE inn = $1', [pick(inns)]),
    ],
    [
      'Поиск: компания с опечаткой',
      () => searchPage(withTypo(pick(searchSample).company)),
      async () => {
        const words = withTypo(pick(searchSample).company).toLowerCase();
        await client.query(`${leadById} company %> $1 LIMIT 10`, [words]);
        await client.query('SELECT id FROM client WHERE company_name %> $1 LIMIT 10', [words]);
      },
    ],
    [
      'Поиск: имя человека',
      () => searchPage(pick(searchSample).name),
      async () => {
        const { name } = pick(searchSample);
        await client.query(`${leadById} lower(name) = lower($1) LIMIT 10`, [name]);
      },
    ],
    [
      'Поиск: эл. почта',
      () => searchPage(pick(searchSample).email),
      async () => {
        const { email } = pick(searchSample);
        await client.query(`${leadById} lower(email) = $1 LIMIT 10`, [email]);
        await client.query('SELECT id FROM client WHERE lower(email) = $1 LIMIT 10', [email]);
      },
    ],
  ];

  const month = () => {
    const start = new Date(Date.now() - Math.random() * 4 * 365 * 86_400_000);
    const end = new Date(start.getTime() + 30 * 86_400_000);
    return [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
  };

  app = await startApp(database.url, database.folder);
  const cookie = await logIn(app.base, BENCH_MANAGER.email, BENCH_MANAGER.password);
  const api = async (pathAndQuery) => {
    const response = await fetch(`${app.base}/admin/api/resources/${pathAndQuery}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status}`);
    const body = await response.json();
    if (body.notice?.type === 'error') throw new Error(`${pathAndQuery}: ${body.notice.message}`);
    return body;
  };
  const list = (resource, query = '') => api(`${resource}/actions/list${query}`);
  const page = async (name, query = '') => {
    const response = await fetch(`${app.base}/admin/api/pages/${name}${query}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${name}${query}: ${response.status}`);
    return response.json();
  };
  // The page's rows, then its count — capped as the app counts (src/common/list-count.ts).
  const sql = async (rows, counted, params) => {
    await client.query(rows, params);
    await client.query(
      `SELECT count(*) FROM (SELECT 1 FROM ${counted} LIMIT ${LIST_COUNT_CAP + 1}) capped`,
      params,
    );
  };
  // What the list screens show, with the names of the records they refer to.
  const leadColumns = `l.id, l.created_at, l.status, l.company, l.name, l.phone, d.name AS department, t.name AS object_type,
    u.full_name AS responsible FROM lead l LEFT JOIN department d ON d.id = l.department_id
    LEFT JOIN object_type t ON t.id = l.object_type_id LEFT JOIN app_user u ON u.id = l.responsible_user_id`;
  const clientColumns = `c.id, c.added_on, c.company_name, d.name AS department, s.name AS sector, st.name AS stage,
    u.full_name AS responsible FROM client c LEFT JOIN department d ON d.id = c.department_id
    LEFT JOIN client_sector s ON s.id = c.sector_id LEFT JOIN stage st ON st.id = c.stage_id
    LEFT JOIN app_user u ON u.id = c.responsible_user_id`;

  // The boards (src/modules/lead/lead-board.service.ts, client-board.service.ts): per column a
  // page of cards and its capped count; the filter lists (departments, staff).
  const [{ managerDepartment }] = await sample(
    `SELECT department_id AS "managerDepartment" FROM app_user WHERE email = '${BENCH_MANAGER.email}'`,
  );
  const leadCardColumns = `l.id, l.version, l.status, l.company, l.name, ot.name AS object_type, d.name AS department,
    u.full_name AS responsible, l.created_at FROM lead l LEFT JOIN object_type ot ON ot.id = l.object_type_id
    LEFT JOIN department d ON d.id = l.department_id LEFT JOIN app_user u ON u.id = l.responsible_user_id`;
  const standardStages = (
    await sample(`SELECT s.id FROM stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.code = 'standard'`)
  ).map((row) => row.id);
  const processedCursors = (
    await sample(
      `SELECT created_at::text || '|' || id AS cursor FROM lead WHERE status = 'processed' AND department_id = ${managerDepartment}
       ORDER BY random() LIMIT 200`,
    )
  ).map((row) => row.cursor);
  const boardSql = async (kind) => {
    await client.query('SELECT id, name FROM department ORDER BY position, name');
    await client.query(
      `SELECT id, full_name, department_id FROM app_user WHERE active AND role IN ('admin', 'manager') ORDER BY full_name`,
    );
    if (kind === 'lead') {
      for (const [status, order] of [
        ['draft', 'DESC'],
        ['new', 'ASC'],
        ['qualifying', 'ASC'],
        ['processed', 'DESC'],
      ]) {
        await sql(
          `SELECT ${leadCardColumns} WHERE l.status = $1 AND l.department_id = $2
           ORDER BY l.created_at ${order}, l.id ${order} LIMIT 31`,
          'lead WHERE status = $1 AND department_id = $2',
          [status, managerDepartment],
        );
      }
      return;
    }
    for (const stage of standardStages) {
      await sql(
        `SELECT c.id, c.version, c.company_name, si.name AS item, d.name AS department, u.full_name AS responsible,
                COALESCE((SELECT sum(total) FROM deal WHERE deal.client_id = c.id AND deal.status <> 'cancelled'), 0)
         FROM client c JOIN department d ON d.id = c.department_id LEFT JOIN stage_item si ON si.id = c.stage_item_id
         LEFT JOIN app_user u ON u.id = c.responsible_user_id
         WHERE c.stage_id = $1 AND c.department_id = $2 ORDER BY c.id DESC LIMIT 31`,
        'client WHERE stage_id = $1 AND department_id = $2',
        [stage, managerDepartment],
      );
    }
  };

  const cases = [
    [
      'Нижняя граница: пустой список (HTTP, сессия, AdminJS)',
      () => list('Lead', '?filters.status=draft'),
      () =>
        sql(
          `SELECT ${leadColumns} WHERE l.status = 'draft' ORDER BY l.created_at DESC LIMIT 20`,
          "lead WHERE status = 'draft'",
          [],
        ),
    ],
    [
      // The manager's first screen: the week so far of their department (the largest one).
      'Главная менеджера: неделя отдела (/admin/api/dashboard)',
      async () => {
        const response = await fetch(`${app.base}/admin/api/dashboard`, { headers: { cookie } });
        if (!response.ok) throw new Error(`dashboard: ${response.status}`);
        await response.json();
      },
      // Baseline: the same figures from the same code, straight on the database (no HTTP, session,
      // JSON, counters).
      () => {
        const today = moscowToday();
        const period = { start: weekOf(today).start, end: today };
        const previous = { start: addDays(period.start, -7), end: addDays(today, -7) };
        return loadDepartmentWeek(dataSource.manager, managerDepartment, period, previous);
      },
    ],
    [
      'Лиды: список по умолчанию (новые сверху)',
      () => list('Lead'),
      () => sql(`SELECT ${leadColumns} ORDER BY l.created_at DESC LIMIT 20`, 'lead', []),
    ],
    [
      'Лиды: фильтр по статусу',
      () => list('Lead', `?filters.status=${pick(['new', 'qualifying', 'processed'])}`),
      () => {
        const status = pick(['new', 'qualifying', 'processed']);
        return sql(
          `SELECT ${leadColumns} WHERE l.status = $1 ORDER BY l.created_at DESC LIMIT 20`,
          'lead WHERE status = $1',
          [status],
        );
      },
    ],
    [
      'Лиды: фильтр по отделу',
      () => list('Lead', `?filters.departmentId=${pick(departments)}`),
      () =>
        sql(
          `SELECT ${leadColumns} WHERE l.department_id = $1 ORDER BY l.created_at DESC LIMIT 20`,
          'lead WHERE department_id = $1',
          [pick(departments)],
        ),
    ],
    [
      'Лиды: период (месяц)',
      () => {
        const [from, to] = month();
        return list('Lead', `?filters.createdAt~~from=${from}&filters.createdAt~~to=${to}`);
      },
      () =>
        sql(
          `SELECT ${leadColumns} WHERE l.created_at >= $1 AND l.created_at <= $2 ORDER BY l.created_at DESC LIMIT 20`,
          'lead WHERE created_at >= $1 AND created_at <= $2',
          month(),
        ),
    ],
    [
      'Лиды: поиск по компании',
      () => list('Lead', `?filters.company=${encodeURIComponent(pick(leadSample).word)}`),
      () =>
        sql(
          `SELECT ${leadColumns} WHERE l.company ILIKE $1 ORDER BY l.created_at DESC LIMIT 20`,
          'lead WHERE company ILIKE $1',
          [`%${pick(leadSample).word}%`],
        ),
    ],
    [
      'Лиды: поиск по телефону (последние 7 цифр)',
      () => list('Lead', `?filters.phone=${pick(leadSample).phone.slice(-7)}`),
      () =>
        sql(
          `SELECT ${leadColumns} WHERE l.phone LIKE $1 ORDER BY l.created_at DESC LIMIT 20`,
          'lead WHERE phone LIKE $1',
          [`%${pick(leadSample).phone.slice(-7)}%`],
        ),
    ],
    [
      'Клиенты: по этапу',
      () => list('Client', `?filters.stageId=${pick(stages)}`),
      () =>
        sql(
          `SELECT ${clientColumns} WHERE c.stage_id = $1 ORDER BY c.added_on DESC LIMIT 20`,
          'client WHERE stage_id = $1',
          [pick(stages)],
        ),
    ],
    [
      'Клиенты: по профилю клиента',
      () => list('Client', `?filters.sectorId=${pick(sectors)}`),
      () =>
        sql(
          `SELECT ${clientColumns} WHERE c.sector_id = $1 ORDER BY c.added_on DESC LIMIT 20`,
          'client WHERE sector_id = $1',
          [pick(sectors)],
        ),
    ],
    [
      'Канбан лидов: доска отдела менеджера (4 столбца по 30 карточек и их счётчики)',
      () => page('leadBoard'),
      () => boardSql('lead'),
    ],
    [
      'Канбан лидов: следующие 30 карточек столбца «Обработан» при прокрутке',
      () => page('leadBoard', `?column=processed&cursor=${encodeURIComponent(pick(processedCursors))}`),
      () => {
        const [position, id] = pick(processedCursors).split('|');
        return client.query(
          `SELECT ${leadCardColumns} WHERE l.status = 'processed' AND l.department_id = $1
             AND (l.created_at, l.id) < ($2::timestamptz, $3) ORDER BY l.created_at DESC, l.id DESC LIMIT 31`,
          [managerDepartment, position, Number(id)],
        );
      },
    ],
    [
      'Воронка клиентов: стандартная воронка отдела (все этапы с суммой сделок)',
      () => page('clientBoard'),
      () => boardSql('client'),
    ],
    [
      'Карточка клиента с историей',
      () => api(`Client/records/${pick(clientIds)}/show`),
      async () => {
        const id = pick(clientIds);
        await client.query('SELECT * FROM client WHERE id = $1', [id]);
        await client.query('SELECT * FROM client_status_change WHERE client_id = $1 ORDER BY changed_at', [
          id,
        ]);
        await client.query('SELECT * FROM history_event WHERE client_id = $1 ORDER BY event_date DESC', [id]);
        await client.query('SELECT * FROM deal WHERE client_id = $1', [id]);
      },
    ],
    [
      'Страница сделки',
      () => api(`Deal/records/${pick(dealIds)}/show`),
      async () => {
        const id = pick(dealIds);
        await client.query('SELECT * FROM deal WHERE id = $1', [id]);
        await client.query('SELECT * FROM deal_line WHERE deal_id = $1 ORDER BY position', [id]);
      },
    ],
  ];

  cases.push(...searchCases);
  process.stdout.write(
    `Данные: лидов ${leads}, клиентов ${clients}, сделок ${deals}, событий истории ${events}; ` +
      `${requests} запросов на случай, ${os.cpus().length} ядра\n\n`,
  );
  const rows = [];
  // BENCH_ONLY: only the cases whose name contains it (e.g. «Главная»).
  const only = process.env.BENCH_ONLY;
  for (const [name, appCall, baselineCall] of cases.filter(([name]) => !only || name.includes(only))) {
    const measured = await time(appCall);
    const baseline = await time(baselineCall);
    rows.push({ name, measured, baseline });
    const ms = (value) => `${value.toFixed(1)} мс`;
    process.stdout.write(
      `${name}\n  приложение p50 ${ms(measured.p50)} p95 ${ms(measured.p95)} p99 ${ms(measured.p99)}` +
        ` · SQL p50 ${ms(baseline.p50)} p95 ${ms(baseline.p95)} p99 ${ms(baseline.p99)}` +
        ` · p95 ×${(measured.p95 / baseline.p95).toFixed(1)}\n`,
    );
  }
} finally {
  await client.end().catch(() => undefined);
  await dataSource?.destroy().catch(() => undefined);
  await app?.stop();
  await database.stop();
}
