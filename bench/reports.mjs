// `npm run bench:reports`: every report over the volume data (`seed:volume`, filled into a
// throw-away database; BENCH_REPORTS_DATA=demo: the two years of `seed:demo`; or BENCH_DATABASE_URL
// as it is when it already holds leads): time to read the figures (SQL), time to render the PDF (worker thread), total,
// PDF size and the process's peak RSS while building; and how the main thread fares meanwhile
// (event-loop delay, p99 — what a back-office request would wait on top of its own work).
// Baseline in the same run: the same report over an empty database period (the fixed cost of
// a worker, pdfmake and fonts). Uses a throw-away embedded PostgreSQL unless BENCH_DATABASE_URL
// names a scratch database.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { buildDataSource } from '../dist/src/database/data-source.js';
import { prepareDatabase } from '../dist/src/operations/prepare-database.js';
import { seedDemoActivity } from '../dist/src/operations/seeds/demo-activity.js';
import { seedDemo } from '../dist/src/operations/seeds/demo-seed.js';
import { loadAnnualData } from '../dist/src/modules/report/repositories/annual-data.js';
import { loadCommitteeData } from '../dist/src/modules/report/repositories/committee-data.js';
import { weekBefore, weekOf } from '../dist/src/modules/report/report-periods.js';
import { renderInWorker } from '../dist/src/modules/report/documents/pdf-renderer.js';
import { fillWithVolume, latencies, logIn, scratchDatabase, startApp } from './common.mjs';

const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (value) => `${Math.round(value)} ms`;

async function measure(load) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const report = await load();
  const loaded = performance.now();
  const pdf = await renderInWorker(report);
  const rendered = performance.now();
  delay.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    sqlMs: loaded - started,
    renderMs: rendered - loaded,
    totalMs: rendered - started,
    bytes: pdf.length,
    peakRss: peak,
    rssBefore,
    loopP99Ms: delay.percentile(99) / 1e6,
  };
}

/**
 * What a manager feels while a report is built: the app as a process, a lead list requested
 * again and again (p50/p95), idle and while «Сформировать отчёт» builds the current week's
 * committee report of the largest department and the current year's statistics.
 */
async function backOfficeWhileBuilding(dataSource, database, departments, today) {
  const { UserService } = await import('../dist/src/modules/user/user.service.js');
  const email = 'bench.admin@kosino.example';
  const password = 'bench-admin-password';
  await dataSource.query(
    `INSERT INTO app_user (email, full_name, role, password_hash) VALUES ($1, 'Замер Администратор', 'admin', $2)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, role = 'admin'`,
    [email, await new UserService(dataSource).hashPassword(password)],
  );
  const [largest] = await dataSource.query(
    'SELECT department_id AS id FROM lead GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
  );
  const app = await startApp(database.url, database.folder);
  try {
    const cookie = await logIn(app.base, email, password);
    const listOnce = async () => {
      const started = performance.now();
      const response = await fetch(`${app.base}/admin/api/resources/Lead/actions/list`, {
        headers: { cookie },
      });
      await response.arrayBuffer();
      return performance.now() - started;
    };
    const percentiles = (times) => {
      const { p50, p95 } = latencies(times);
      return `p50 ${ms(p50)} p95 ${ms(p95)} (${times.length} запросов)`;
    };
    for (let index = 0; index < 20; index += 1) await listOnce();
    const idle = [];
    for (let index = 0; index < 100; index += 1) idle.push(await listOnce());
    process.stdout.write(`Список лидов в back-office, без отчётов: ${percentiles(idle)}\n`);
    const week = { start: weekOf(today).start, end: today };
    for (const [name, order] of [
      [
        `отчёт для оперативного совещания (${departments.find((d) => d.id === largest?.id)?.name ?? '—'}, текущая неделя)`,
        {
          kind: 'committee',
          departmentId: String(largest?.id ?? departments[0].id),
          periodStart: week.start,
          periodEnd: week.end,
        },
      ],
      ['годовая статистика за текущий год', { kind: 'annual', year: today.slice(0, 4) }],
    ]) {
      const during = [];
      let building = true;
      const started = performance.now();
      const built = fetch(`${app.base}/admin/api/resources/Report/actions/requestReport`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: app.base },
        body: JSON.stringify(order),
      })
        .then((response) => response.json())
        .finally(() => {
          building = false;
        });
      while (building) during.push(await listOnce());
      const answer = await built;
      process.stdout.write(
        `Пока строится ${name} (${ms(performance.now() - started)}, ${answer.notice?.message ?? '?'}): ${percentiles(during)}\n`,
      );
    }
  } finally {
    await app.stop();
  }
}

const database = await scratchDatabase('reports');
const dataSource = buildDataSource({ url: database.url, poolSize: 4 });
try {
  await dataSource.initialize();
  await prepareDatabase(dataSource);
  await seedDemo(dataSource);
  const now = new Date();
  const seeded = performance.now();
  // Into an empty database: the volume data (BENCH_REPORTS_DATA=demo: the demo data). A database
  // already filled (e.g. by seed:volume) is used as it is.
  if (process.env.BENCH_REPORTS_DATA === 'demo') await seedDemoActivity(dataSource, { now });
  else await fillWithVolume(dataSource, 'not-a-password-hash');
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM lead)::int AS leads, (SELECT count(*) FROM client)::int AS clients,
            (SELECT count(*) FROM deal)::int AS deals, (SELECT count(*) FROM history_event)::int AS events`,
  );
  process.stdout.write(
    `Данные: лидов ${counts.leads}, клиентов ${counts.clients}, сделок ${counts.deals}, ` +
      `событий истории ${counts.events} (подготовка ${ms(performance.now() - seeded)})\n\n`,
  );
  const departments = await dataSource.query('SELECT id, name FROM department ORDER BY position, name');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(now);
  const week = weekBefore(today);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const manager = dataSource.manager;

  // Warm-up: the first worker pays for loading pdfmake and the fonts from disk.
  await measure(async () => ({
    kind: 'committee',
    data: await loadCommitteeData(manager, departments[0].id, week, now),
  }));
  const baseline = await measure(async () => ({
    kind: 'committee',
    data: await loadCommitteeData(
      manager,
      departments[0].id,
      { start: '2000-01-03', end: '2000-01-09' },
      now,
    ),
  }));
  const rows = [['Базовая линия: пустой отчёт для оперативного совещания', baseline]];
  for (const department of departments) {
    rows.push([
      `Отчёт для оперативного совещания: ${department.name}`,
      await measure(async () => ({
        kind: 'committee',
        data: await loadCommitteeData(manager, department.id, week, now),
      })),
    ]);
  }
  rows.push([
    `Годовая статистика за ${lastYear} год`,
    await measure(async () => ({ kind: 'annual', data: await loadAnnualData(manager, lastYear, now) })),
  ]);
  rows.push([
    `Годовая статистика за ${lastYear + 1} год (текущий)`,
    await measure(async () => ({ kind: 'annual', data: await loadAnnualData(manager, lastYear + 1, now) })),
  ]);
  for (const [name, result] of rows) {
    process.stdout.write(
      `${name}\n  SQL ${ms(result.sqlMs)} · PDF ${ms(result.renderMs)} · всего ${ms(result.totalMs)}` +
        ` (×${(result.totalMs / baseline.totalMs).toFixed(1)} к базовой) · ${Math.round(result.bytes / 1024)} КБ` +
        ` · пик RSS ${mb(result.peakRss)} (до ${mb(result.rssBefore)})` +
        ` · задержка главного потока p99 ${ms(result.loopP99Ms)}\n`,
    );
  }
  process.stdout.write(
    `\nНеделя ${week.start} — ${week.end}; машина: ${os.cpus().length} ядра, Node ${process.version}\n\n`,
  );
  await backOfficeWhileBuilding(dataSource, database, departments, today);
} finally {
  await dataSource.destroy();
  await database.stop();
}
