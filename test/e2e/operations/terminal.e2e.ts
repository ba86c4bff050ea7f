import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';

import { runApp, runBuilt, waitForOk, type AppProcess } from '../../helpers/app-process.js';
import { until } from '../../helpers/until.js';
import { freePort } from '../../setup/test-server.js';

/**
 * The built app as a person runs it in a terminal (readable log lines, info level, its own process
 * group as under `npm start`) on an embedded PostgreSQL in a temporary working folder, and a script
 * run beside it with no database variables at all.
 */
describe('the app in a terminal, and scripts beside it', () => {
  let scratch: string;
  let app: AppProcess;
  let port: number;
  let postgresPort: number;
  let base: string;

  beforeAll(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-terminal-'));
    await fs.chmod(scratch, 0o755); // as root, PostgreSQL runs as the user postgres
    port = await freePort();
    postgresPort = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = runApp(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        PG_DATA_DIR: path.join(scratch, 'pg'),
        EMBEDDED_PG_PORT: String(postgresPort),
        LOG_FORMAT: 'pretty',
        LOG_LEVEL: 'info',
        REPORT_SCHEDULE: 'off',
        REMINDER_SCHEDULE: 'off',
      },
      { cwd: scratch, ownProcessGroup: true },
    );
    await waitForOk(app, `${base}/health`);
    // Pages people open: no line each at info in a terminal.
    expect((await fetch(`${base}/admin/login`)).status).toBe(200);
    expect((await fetch(`${base}/form`)).status).toBe(200);
  });
  afterAll(async () => {
    if (app.child.exitCode === null) process.kill(-app.child.pid!, 'SIGTERM');
    await app.exited;
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('sums up the start in Russian: addresses, database, mail and the first password', () => {
    const output = app.output();
    expect(output).toContain('Kosino CRM работает');
    expect(output).toContain(`Вход в CRM:            http://localhost:${port}/admin`);
    expect(output).toContain(`Форма обратной связи:  http://localhost:${port}/form`);
    expect(output).toContain(
      `База данных:           встроенный PostgreSQL, порт ${postgresPort}, данные в ${path.join(scratch, 'pg')}`,
    );
    expect(output).toContain(
      `Почта:                 письма сохраняются в файлы в ${path.join(scratch, 'var', 'mail')} (SMTP_URL не задан)`,
    );
    expect(output).toMatch(/Пароль \(показан один раз, сохраните его\): [\w-]{24}\n/);
    expect(output).toContain('Потеряли пароль — задайте новый: npm run user:password -- admin@kosino.local');
  });

  it('lets seed:demo beside it find its database without any variable, and prints the logins with Russian roles', async () => {
    const seed = runBuilt('dist/src/operations/seeds/demo-seed.cli.js', [], {}, { cwd: scratch });
    expect(await seed.exited).toBe(0);

    const output = seed.output();
    expect(output).toContain(
      `База данных запущенного приложения: встроенный PostgreSQL, порт ${postgresPort}`,
    );
    expect(output).toMatch(/Роль\s+Вход \(эл\. почта\)\s+Пароль\n/);
    expect(output).toMatch(/Менеджер \(Департамент ВЭД\)\s+ved\.manager@kosino\.example\s+[\w-]{24}\n/);
    expect(output).toMatch(/Комитет\s+committee@kosino\.example\s+[\w-]{24}\n/);
    // The users are in the running app's database: one logs in to it with the printed password.
    const password = /ved\.manager@kosino\.example\s+(\S+)/.exec(output)![1]!;
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ email: 'ved.manager@kosino.example', password }),
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/admin');
  });

  it('lets backup run beside it, and restore refuse to until it is stopped', async () => {
    const folder = path.join(scratch, 'backup');
    const backup = runBuilt(
      'dist/src/operations/backup/backup.cli.js',
      ['--out', folder],
      {},
      { cwd: scratch },
    );
    expect(await backup.exited).toBe(0);
    expect(backup.output()).toContain(`Резервная копия готова: ${folder}`);

    const restore = runBuilt(
      'dist/src/operations/backup/restore.cli.js',
      [folder, '--force'],
      {},
      { cwd: scratch },
    );
    expect(await restore.exited).toBe(1);
    expect(restore.output()).toContain(`Приложение запущено (процесс ${app.child.pid}`);
    // The app was started on other data than the default: said with the command to repeat.
    expect(restore.output()).toContain(
      `Остановите его (Ctrl+C в окне npm start) и повторите команду с его данными: PG_DATA_DIR=${path.join(scratch, 'pg')}. Ничего не изменено.`,
    );
    // It did not even open the database: the app still answers as before.
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('reports a connection the server cut while it runs', async () => {
    // The app's pool holds a connection after a request that used the database.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const password = (await fs.readFile(path.join(scratch, 'pg.password'), 'utf8')).trim();
    const client = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${postgresPort}/postgres`,
    });
    await client.connect();
    let cut: number;
    try {
      const { rows } = await client.query<{ cut: boolean }>(
        `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
         WHERE datname = 'kosino_crm' AND application_name = 'kosino-crm'`,
      );
      cut = rows.filter((row) => row.cut).length;
    } finally {
      await client.end();
    }
    expect(cut).toBeGreaterThan(0);
    // One warning per connection cut.
    const warnings = () => app.output().split('Соединение с базой данных прервано сервером').length - 1;
    expect(
      await until(
        async () => warnings(),
        (count) => count >= cut,
      ),
    ).toBe(cut);
  });

  it('stops quietly on Ctrl-C, which reaches the app and its PostgreSQL alike', async () => {
    // The pool holds a connection for PostgreSQL to end as it stops.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const before = app.output().length;

    // Ctrl-C in a terminal: SIGINT to the whole process group.
    process.kill(-app.child.pid!, 'SIGINT');

    expect(await app.exited).toBe(0);
    const stopping = app.output().slice(before);
    expect(stopping).toContain('Остановлено.');
    expect(stopping).not.toContain('прервано');
    const record = JSON.parse(
      await fs.readFile(path.join(scratch, 'var', 'running-database.json'), 'utf8'),
    ) as { port: number; stoppedAt?: string };
    expect(record.port).toBe(postgresPort);
    expect(record.stoppedAt).toEqual(expect.any(String));
    // Over the whole run: no line per request, none of Nest's start-up chatter, no JSON.
    const output = app.output();
    expect(output).not.toContain('request completed');
    expect(output).not.toContain('Mapped {');
    expect(output).not.toContain('dependencies initialized');
    expect(output).not.toContain('"level":');
  });
});
