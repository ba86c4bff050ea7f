// `npm run bench:start`: cold start of the app, process start → HTTP 200 on /admin/login.
// Measures the first start (initdb of the embedded PostgreSQL, migrations, dictionaries) and
// later starts on the same data, against a baseline measured in the same run: a bare Node
// `http` server's process start → 200.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { freePort, root } from './common.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);

async function timeToOk(args, env, url) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before answering ${url}`);
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const elapsed = performance.now() - started;
  child.kill('SIGTERM');
  await exited;
  return elapsed;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (ms) => `${Math.round(ms)} ms`;

const baseline = [];
for (let run = 0; run < runs; run += 1) {
  const port = await freePort();
  const server = `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  baseline.push(await timeToOk(['-e', server], {}, `http://127.0.0.1:${port}/`));
}

const scratch = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-bench-start-'));
await chmod(scratch, 0o755);
const env = {
  PG_DATA_DIR: path.join(scratch, 'pg'),
  EMBEDDED_PG_PORT: String(await freePort()),
  PORT: String(await freePort()),
  ADMIN_PASSWORD: 'bench-start-password',
  LOG_FORMAT: 'json',
};
const url = `http://127.0.0.1:${env.PORT}/admin/login`;
const app = [path.join(root, 'dist', 'src', 'main.js')];
try {
  const first = await timeToOk(app, env, url);
  const later = [];
  for (let run = 0; run < runs; run += 1) later.push(await timeToOk(app, env, url));

  const rows = [
    ['baseline: bare Node http server', median(baseline)],
    ['first start (initdb, migrations, dictionaries)', first],
    [`later start, median of ${runs}`, median(later)],
    [`later start, worst of ${runs}`, Math.max(...later)],
  ];
  process.stdout.write('Cold start: process start → HTTP 200 on /admin/login (embedded PostgreSQL)\n');
  for (const [name, ms] of rows) process.stdout.write(`  ${name.padEnd(50)} ${format(ms).padStart(9)}\n`);
  process.stdout.write(`  ratio later start / baseline: ${(median(later) / median(baseline)).toFixed(1)}×\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
