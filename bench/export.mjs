// `npm run bench:export`: «Экспорт в Excel» and «CSV» of the whole lead list (the volume data:
// `seed:volume`, a million leads by default — BENCH_VOLUME_LEADS to change) as a manager downloads
// it, streamed (EXPORT_STREAM_MAX_ROWS raised to the list). Prints rows/s and the app's peak RSS
// during each export — also per half of it: bounded memory shows as the same peak in both halves
// (and at 300 000 and 1 000 000 leads) — and the list page's latency while an export runs against
// idle.
// Baseline in the same run: the same query (the export's SQL) read through the same server-side
// cursor into nothing, without formatting.
//
// Database: BENCH_DATABASE_URL (already filled, or empty — then it is filled here), or a
// throw-away embedded PostgreSQL.
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';
import QueryStream from 'pg-query-stream';

import { buildDataSource } from '../dist/src/database/data-source.js';
import { ExportService } from '../dist/src/modules/export/export.service.js';
import { BENCH_MANAGER, fillForBench, latencies, logIn, scratchDatabase, startApp } from './common.mjs';

const SORT = { property: 'createdAt', direction: 'DESC' };
const LIST_QUERY = 'sortBy=createdAt&direction=desc';

/** The process's resident memory now (MB). */
async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const database = await scratchDatabase('export');
const folder = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-bench-export-'));
let app;
try {
  await fillForBench(database.url);
  const dataSource = buildDataSource({ url: database.url, poolSize: 2 });
  await dataSource.initialize();
  const { sql, parameters } = new ExportService(dataSource, { exports: { pollMs: 1000 } }).query('Lead', {
    where: {},
    order: SORT,
  });
  const [{ leads }] = await dataSource.query('SELECT count(*)::int AS leads FROM lead');
  await dataSource.destroy();

  // Baseline: the export's own query through a cursor of the same batch, rows dropped.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let started = performance.now();
  let baselineRows = 0;
  for await (const row of client.query(new QueryStream(sql, parameters, { batchSize: 1000 }))) {
    if (row) baselineRows += 1;
  }
  const baselineSeconds = (performance.now() - started) / 1000;
  await client.end();

  app = await startApp(database.url, folder, {
    EXPORT_STREAM_MAX_ROWS: String(Math.max(leads, 1)),
    EXPORT_DIR: path.join(folder, 'exports'),
  });
  const cookie = await logIn(app.base, BENCH_MANAGER.email, BENCH_MANAGER.password);
  const listPage = async () => {
    const begun = performance.now();
    const response = await fetch(`${app.base}/admin/api/resources/Lead/actions/list?${LIST_QUERY}`, {
      headers: { cookie },
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`list page: ${response.status}`);
    return performance.now() - begun;
  };
  for (let index = 0; index < 10; index += 1) await listPage(); // warm-up
  const idle = [];
  for (let index = 0; index < 50; index += 1) idle.push(await listPage());

  const rssBefore = await rssMb(app.pid);
  const results = {};
  for (const format of ['csv', 'xlsx']) {
    let peak = await rssMb(app.pid);
    let done = false;
    const samples = []; // [ms since the start, RSS]: the halves' peaks tell growth from a plateau
    const sampler = (async () => {
      while (!done) {
        const rss = await rssMb(app.pid);
        peak = Math.max(peak, rss);
        samples.push([performance.now(), rss]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const during = [];
    const lister = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 500)); // the export under way
      while (!done) during.push(await listPage());
    })();
    started = performance.now();
    const response = await fetch(`${app.base}/admin/export/Lead?format=${format}&${LIST_QUERY}`, {
      headers: { cookie },
    });
    if (!response.ok) throw new Error(`export ${format}: ${response.status}`);
    let bytes = 0;
    let lineEnds = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      if (format === 'csv') for (const byte of chunk) if (byte === 10) lineEnds += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await Promise.all([sampler, lister]);
    const middle = started + (seconds * 1000) / 2;
    const halfPeak = (first) =>
      Math.max(0, ...samples.filter(([at]) => at < middle === first).map(([, rss]) => rss));
    results[format] = {
      seconds,
      bytes,
      peak,
      halves: [halfPeak(true), halfPeak(false)],
      during: latencies(during),
      samples: during.length,
      lineEnds,
    };
  }

  const rate = (rows, seconds) => Math.round(rows / seconds).toLocaleString('ru-RU');
  const ms = (value) => `${value.toFixed(1)} мс`;
  const mb = (value) => `${value.toFixed(0)} МБ`;
  process.stdout.write(`\nЭкспорт лидов: ${leads.toLocaleString('ru-RU')} строк, ${os.cpus().length} ядра\n`);
  process.stdout.write(
    `Базовая линия (тот же запрос курсором, без форматирования): ${rate(baselineRows, baselineSeconds)} строк/с (${baselineSeconds.toFixed(1)} с)\n`,
  );
  // The manager reads every lead (docs/access.md): the file holds them all, the header line too.
  process.stdout.write(`Строк в CSV без заголовка: ${(results.csv.lineEnds - 1).toLocaleString('ru-RU')}\n`);
  for (const [format, result] of Object.entries(results)) {
    process.stdout.write(
      `${format.toUpperCase()}: ${rate(leads, result.seconds)} строк/с (${result.seconds.toFixed(1)} с, ${mb(result.bytes / 1048576)}); ` +
        `пик RSS приложения ${mb(result.peak)} (до выгрузок ${mb(rssBefore)}; ` +
        `в первой половине выгрузки ${mb(result.halves[0])}, во второй ${mb(result.halves[1])})\n`,
    );
  }
  const idleLatency = latencies(idle);
  process.stdout.write(
    `Страница списка лидов, простой: p50 ${ms(idleLatency.p50)}, p95 ${ms(idleLatency.p95)}, p99 ${ms(idleLatency.p99)} (50 запросов)\n`,
  );
  for (const [format, result] of Object.entries(results)) {
    process.stdout.write(
      `Страница списка лидов во время ${format.toUpperCase()}: p50 ${ms(result.during.p50)}, p95 ${ms(result.during.p95)}, p99 ${ms(result.during.p99)} (${result.samples} запросов)\n`,
    );
  }
} finally {
  await app?.stop();
  await database.stop();
  await rm(folder, { recursive: true, force: true });
}
