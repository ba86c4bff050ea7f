// `npm run bench:intake`: throughput and latency of POST /api/leads — the lead, its first status
// row and its notification (the outbox) written in one transaction — against a baseline measured
// in the same run on the same database: a bare Node http + `pg` server doing one INSERT per request.
// Uses a throw-away embedded PostgreSQL unless BENCH_DATABASE_URL names a scratch database.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

import autocannon from 'autocannon';
import pg from 'pg';

import { freePort, root, scratchDatabase } from './common.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const poolSize = 10; // the app's DB_POOL_SIZE default; the baseline gets the same

async function startChild(args, env, readyUrl) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function load(url, body, expected = '2xx') {
  const options = {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections,
  };
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, pools, caches
  const result = await autocannon({ ...options, duration: seconds });
  return {
    perSecond: result[expected] / seconds,
    ok: result[expected],
    failed:
      ['1xx', '2xx', '3xx', '4xx', '5xx'].reduce((sum, code) => sum + result[code], 0) -
      result[expected] +
      result.errors +
      result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

const database = await scratchDatabase('intake');
const databaseUrl = database.url;
const children = [];
try {
  const appPort = await freePort();
  children.push(
    await startChild(
      [path.join(root, 'dist', 'src', 'main.js')],
      {
        DATABASE_URL: databaseUrl,
        PORT: String(appPort),
        LEAD_INTAKE_PER_MINUTE: '100000000',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        MAIL_DIR: path.join(database.folder, 'mail'),
        ADMIN_PASSWORD: 'bench-intake-password',
        NODE_ENV: 'production',
      },
      `http://127.0.0.1:${appPort}/health`,
    ),
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ id: objectTypeId, department_id: departmentId }] = (
    await client.query(`SELECT id, department_id FROM object_type WHERE name = 'Таможня'`)
  ).rows;
  await client.query(
    `UPDATE department SET manager_emails = '{ved@kosino.test}', head_email = 'head@kosino.test' WHERE id = $1`,
    [departmentId],
  );
  const leadsBefore = Number((await client.query('SELECT count(*) FROM lead')).rows[0].count);

  const lead = {
    name: 'Нагрузочный тест',
    company: 'ООО «Бенчмарк»',
    phone: '+7 495 123-45-67',
    email: 'bench@example.ru',
    objectTypeId,
    extra: 'Заявка нагрузочного теста',
    consent: true,
  };
  const app = await load(`http://127.0.0.1:${appPort}/api/leads`, lead);
  // The same endpoint refusing the consent-less body before any database work: what the HTTP
  // stack (Express, Nest, body parsing, the rate limit, logging, validation) costs by itself.
  const floor = await load(`http://127.0.0.1:${appPort}/api/leads`, { ...lead, consent: false }, '4xx');
  await children.pop().stop();

  const baselinePort = await freePort();
  children.push(
    await startChild(
      [path.join(root, 'bench', 'baseline-insert-server.mjs')],
      { DATABASE_URL: databaseUrl, PORT: String(baselinePort), POOL_SIZE: String(poolSize) },
      `http://127.0.0.1:${baselinePort}/`,
    ),
  );
  const baseline = await load(`http://127.0.0.1:${baselinePort}/`, lead);
  await children.pop().stop();

  const leadsWritten = Number((await client.query('SELECT count(*) FROM lead')).rows[0].count) - leadsBefore;
  const mails = Number(
    (await client.query(`SELECT count(*) FROM notification WHERE kind = 'lead_created'`)).rows[0].count,
  );
  await client.end();

  const row = (name, r) =>
    `  ${name.padEnd(46)} ${r.perSecond.toFixed(0).padStart(7)} /s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   failed ${r.failed}\n`;
  process.stdout.write(
    `POST /api/leads, ${connections} connections, ${seconds} s each after a 2 s warm-up (${os.cpus().length} CPUs)\n`,
  );
  process.stdout.write(row('app: lead + status row + outbox mail', app));
  process.stdout.write(row('baseline: bare Node http + pg, one INSERT', baseline));
  process.stdout.write(row('app, refusing before the database (422)', floor));
  process.stdout.write(
    `  ratio app / baseline: throughput ${(app.perSecond / baseline.perSecond).toFixed(2)}×, p99 ${(app.p99 / baseline.p99).toFixed(1)}×\n`,
  );
  process.stdout.write(
    `  the app's HTTP stack alone reaches ${(floor.perSecond / baseline.perSecond).toFixed(2)}× the baseline\n`,
  );
  process.stdout.write(
    `  check: ${leadsWritten} leads written (${app.ok} answered 201 in the measured run, the rest in the warm-up), ${mails} mails queued\n`,
  );
} finally {
  for (const child of children) await child.stop();
  await database.stop();
}
