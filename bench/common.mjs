// What the benchmark scripts share.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A TCP port nothing listens on now. */
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * BENCH_DATABASE_URL=app: the embedded database of the app running beside (`npm start`), found
 * through the record it keeps in var/ (src/operations/embedded-postgres/running-database.ts) — e.g. filled by
 * `npm run seed:volume`. The benches write into it.
 */
async function benchDatabaseUrl() {
  const wanted = process.env.BENCH_DATABASE_URL;
  if (wanted !== 'app') return wanted || undefined;
  const { reachRunningDatabase, runningDatabaseFile } =
    await import('../dist/src/operations/embedded-postgres/running-database.js');
  const running = await reachRunningDatabase(runningDatabaseFile(root));
  if (!running) {
    process.stderr.write(
      'BENCH_DATABASE_URL=app: запущенное приложение со встроенной базой не найдено (npm start в этой папке).\n',
    );
    process.exit(1);
  }
  process.stdout.write(
    `База запущенного приложения: порт ${running.record.port}, данные в ${running.record.dataDir}\n`,
  );
  return running.url;
}

/**
 * The database a benchmark writes into: BENCH_DATABASE_URL when set (a scratch database, or `app`:
 * the running app's), otherwise a throw-away embedded PostgreSQL in a temporary folder. `stop()`
 * removes what it started.
 */
export async function scratchDatabase(name) {
  const { startEmbeddedPostgres } =
    await import('../dist/src/operations/embedded-postgres/embedded-postgres.js');
  const scratch = await mkdtemp(path.join(os.tmpdir(), `kosino-crm-bench-${name}-`));
  await chmod(scratch, 0o755); // as root, PostgreSQL runs as the user postgres
  const given = await benchDatabaseUrl();
  const embedded = given
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(scratch, 'pg'),
        port: await freePort(),
        database: 'kosino_bench',
        log: () => undefined,
        notice: () => undefined,
      });
  return {
    url: given ?? embedded.url,
    /** A temporary folder of the benchmark's own (removed by stop). */
    folder: scratch,
    stop: async () => {
      await embedded?.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The built app as a process on a free port, on the given database and folder (no report
 * schedule, generous login limits; `env` adds or overrides variables). `stop()` ends it,
 * `alive()` says it still runs.
 */
export async function startApp(databaseUrl, folder, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      MAIL_DIR: path.join(folder, 'mail'),
      UPLOAD_DIR: path.join(folder, 'uploads'),
      REPORT_SCHEDULE: 'off',
      REMINDER_SCHEDULE: 'off',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
      // The benchmarks' load comes from one address and one session.
      ADMIN_REQUESTS_PER_MINUTE: '10000000',
      ADMIN_REQUESTS_PER_MINUTE_PER_IP: '10000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/admin/login`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    pid: child.pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A back-office session cookie for the user. */
export async function logIn(base, email, password) {
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    // Like a browser, it says where the request comes from (the back-office refuses changes without it).
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  if (response.status !== 302 || !cookie) throw new Error(`login failed: ${response.status}`);
  return cookie;
}

/**
 * Fills an empty database (already migrated) with `seed:volume` data: BENCH_VOLUME_LEADS leads
 * (1 000 000 by default) and the other volumes in proportion. A database that holds leads is left
 * as it is. Returns how many leads it holds.
 */
export async function fillWithVolume(dataSource, passwordHash) {
  const { seedDemo } = await import('../dist/src/operations/seeds/demo-seed.js');
  const { defaultVolume, seedVolume } = await import('../dist/src/operations/seeds/volume-seed.js');
  const [{ leads }] = await dataSource.query('SELECT count(*)::int AS leads FROM lead');
  if (leads > 0) return leads;
  const wanted = Number(process.env.BENCH_VOLUME_LEADS ?? 1_000_000);
  const scale = wanted / defaultVolume.leads;
  const started = performance.now();
  await seedDemo(dataSource);
  await seedVolume(dataSource, {
    ...defaultVolume,
    leads: wanted,
    clients: Math.round(defaultVolume.clients * scale),
    deals: Math.round(defaultVolume.deals * scale),
    events: Math.round(defaultVolume.events * scale),
    passwordHash,
  });
  process.stdout.write(
    `seed:volume (${wanted} лидов): ${Math.round((performance.now() - started) / 1000)} с\n`,
  );
  return wanted;
}

/** p50, p95 and p99 of a list of durations (ms). */
export function latencies(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** The manager the benchmarks log in as: of the department with the most leads. */
export const BENCH_MANAGER = { email: 'bench.manager@kosino.example', password: 'bench-manager-password' };

/**
 * Prepares a benchmark's database: migrated, filled with the volume data when it holds no leads
 * (fillWithVolume), and with BENCH_MANAGER in the department with the most leads.
 */
export async function fillForBench(url) {
  const { buildDataSource } = await import('../dist/src/database/data-source.js');
  const { prepareDatabase } = await import('../dist/src/operations/prepare-database.js');
  const { UserService } = await import('../dist/src/modules/user/user.service.js');
  const dataSource = buildDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    await prepareDatabase(dataSource);
    const hash = await new UserService(dataSource).hashPassword(BENCH_MANAGER.password);
    await fillWithVolume(dataSource, hash);
    await dataSource.query(
      `INSERT INTO app_user (email, full_name, role, department_id, password_hash)
       VALUES ($1, 'Замер Менеджер', 'manager',
               (SELECT department_id FROM lead GROUP BY department_id ORDER BY count(*) DESC LIMIT 1), $2)
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true,
         department_id = EXCLUDED.department_id`,
      [BENCH_MANAGER.email, hash],
    );
  } finally {
    await dataSource.destroy();
  }
}
