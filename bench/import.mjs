// `npm run bench:import`: «Импорт» of Bitrix24 exports through the back-office's own path — upload,
// «Проверить», «Импортировать» by the background worker, then the same file again — for
// BENCH_IMPORT_ROWS companies (Windows-1251, «;») and as many leads (UTF-8 with BOM), into a database
// that already holds the volume data (BENCH_VOLUME_LEADS, 100 000 leads by default, clients in
// proportion: the duplicate search meets a real table). Prints rows/s of each step and the app's
// peak RSS (also per half of «Проверить» and «Импортировать»: bounded memory shows as the same
// peak in both halves). Baseline in the same run: the same file read by the same reader and written as raw text
// rows, 500 per INSERT, into a table without rules. The importer is a manager: into their department.
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { openTable } from '../dist/src/modules/import/table-reader.js';
import { BENCH_MANAGER, fillForBench, logIn, scratchDatabase, startApp } from './common.mjs';
import { writeCompanies, writeLeads } from './import-files.mjs';

process.env.BENCH_VOLUME_LEADS ??= '100000';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const database = await scratchDatabase('import');
const folder = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-bench-import-'));
let app;
try {
  await fillForBench(database.url);
  const kinds = (process.env.BENCH_IMPORT_KINDS ?? 'company,lead').split(',');
  const files = {};
  if (kinds.includes('company'))
    await writeCompanies((files.company = path.join(folder, 'companies.csv')), ROWS);
  if (kinds.includes('lead')) await writeLeads((files.lead = path.join(folder, 'leads.csv')), ROWS);

  // Baseline: the same reader, raw rows into an unlogged table of text columns, 500 per INSERT.
  const client = new pg.Client({ connectionString: database.url });
  client.on('error', () => {}); // the database stopped under it: the error thrown below says why
  await client.connect();
  const baseline = {};
  for (const [kind, file] of Object.entries(files)) {
    const table = await openTable(file, path.basename(file));
    await client.query(
      `DROP TABLE IF EXISTS bench_raw; CREATE UNLOGGED TABLE bench_raw (line int, cells jsonb)`,
    );
    const started = performance.now();
    let batch = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await client.query(`INSERT INTO bench_raw SELECT * FROM unnest($1::int[], $2::jsonb[])`, [
        batch.map((row) => row.line),
        batch.map((row) => JSON.stringify(row.cells)),
      ]);
      batch = [];
    };
    for await (const row of table.rows()) {
      batch.push(row);
      if (batch.length === 500) await flush();
    }
    await flush();
    baseline[kind] = (performance.now() - started) / 1000;
  }
  await client.query('DROP TABLE bench_raw');
  const [{ clients, leads }] = (
    await client.query(
      'SELECT (SELECT count(*) FROM client)::int AS clients, (SELECT count(*) FROM lead)::int AS leads',
    )
  ).rows;
  await client.end();

  app = await startApp(database.url, folder, {
    IMPORT_WORKER: 'on',
  });
  const cookie = await logIn(app.base, BENCH_MANAGER.email, BENCH_MANAGER.password);
  const api = async (method, url, body) => {
    const response = await fetch(`${app.base}/admin/api/import${url}`, {
      method,
      headers: {
        cookie,
        origin: app.base,
        ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      body: body instanceof FormData ? body : body && JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
    return answer.job;
  };
  let peak = await rssMb(app.pid);
  const rssBefore = peak;
  let sampling = true;
  const samples = []; // [ms since the bench started, RSS]: a phase's halves tell growth from a plateau
  const sampler = (async () => {
    while (sampling) {
      const rss = await rssMb(app.pid);
      peak = Math.max(peak, rss);
      samples.push([performance.now(), rss]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  /** The peak RSS in the first and in the second half of [started, ended]. */
  const halvesOf = (started, ended) => {
    const middle = (started + ended) / 2;
    const within = samples.filter(([at]) => at >= started && at <= ended);
    const peakOf = (first) =>
      Math.max(0, ...within.filter(([at]) => at < middle === first).map(([, rss]) => rss));
    return [peakOf(true), peakOf(false)];
  };
  /** Waits for the worker to leave `busy`; the seconds it took and its halves' peak RSS. */
  const until = async (id, busy) => {
    const started = performance.now();
    for (;;) {
      const job = await api('GET', `/${id}`);
      if (!busy.includes(job.status)) {
        const ended = performance.now();
        return { job, seconds: (ended - started) / 1000, halves: halvesOf(started, ended) };
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const upload = async (file, kind) => {
    const form = new FormData();
    form.append('file', new Blob([await readFile(file)]), path.basename(file));
    const started = performance.now();
    const job = await api('POST', '', form);
    const ended = performance.now();
    return {
      job: await api('PATCH', `/${job.id}`, { kind }),
      seconds: (ended - started) / 1000,
      peak: Math.max(...halvesOf(started, ended)),
    };
  };
  const results = {};
  for (const [kind, file] of Object.entries(files)) {
    peak = await rssMb(app.pid);
    const first = await upload(file, kind);
    let check = null;
    if (process.env.BENCH_IMPORT_CHECK !== 'off') {
      await api('POST', `/${first.job.id}/check`);
      check = await until(first.job.id, ['checking']);
    }
    await api('POST', `/${first.job.id}/start`);
    const run = await until(first.job.id, ['queued', 'running']);
    const again = await upload(file, kind);
    await api('POST', `/${again.job.id}/start`);
    const rerun = await until(again.job.id, ['queued', 'running']);
    results[kind] = {
      upload: first.seconds,
      uploadPeak: first.peak,
      check,
      run,
      rerun,
      peak,
      bytes: (await stat(file)).size,
    };
  }
  sampling = false;
  await sampler;

  const rate = (seconds) =>
    `${Math.round(ROWS / seconds).toLocaleString('ru-RU')} строк/с (${seconds.toFixed(1)} с)`;
  const halves = (step) =>
    `; пик RSS в первой половине ${step.halves[0].toFixed(0)} МБ, во второй ${step.halves[1].toFixed(0)} МБ`;
  const counts = (report) =>
    report
      ? `создано ${report.created}, дополнено ${report.updated}, пропущено ${report.skipped}, ошибок ${report.refused}`
      : '—';
  const names = { company: 'Компании', lead: 'Лиды' };
  process.stdout.write(
    `\nИмпорт: по ${ROWS.toLocaleString('ru-RU')} строк; в базе до импорта ${clients.toLocaleString('ru-RU')} клиентов и ${leads.toLocaleString('ru-RU')} лидов; ${os.cpus().length} ядра\n`,
  );
  for (const [kind, result] of Object.entries(results)) {
    process.stdout.write(
      `\n${names[kind]} (${(result.bytes / 1048576).toFixed(1)} МБ):\n` +
        `  базовая линия (то же чтение, сырые строки по 500 в INSERT): ${rate(baseline[kind])}\n` +
        `  загрузка и разбор файла: ${result.upload.toFixed(1)} с; пик RSS ${result.uploadPeak.toFixed(0)} МБ\n` +
        (result.check
          ? `  «Проверить»: ${rate(result.check.seconds)}; ${counts(result.check.job.check)}${halves(result.check)}\n`
          : '') +
        `  «Импортировать»: ${rate(result.run.seconds)}; ${counts(result.run.job.result)}; состояние «${result.run.job.statusLabel}»${halves(result.run)}\n` +
        `  повторный импорт того же файла: ${rate(result.rerun.seconds)}; ${counts(result.rerun.job.result)}${halves(result.rerun)}\n` +
        `  пик RSS приложения: ${result.peak.toFixed(0)} МБ (до импорта ${rssBefore.toFixed(0)} МБ)\n`,
    );
  }
} finally {
  await app?.stop();
  await database.stop();
  await rm(folder, { recursive: true, force: true });
}
