import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from '@jest/globals';

import { runApp, waitForOk } from '../../helpers/app-process.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { freePort } from '../../setup/test-server.js';

describe('starting the app', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('migrates a fresh database, loads the dictionaries, creates the administrator and answers /health', async () => {
    const database: TestDatabase = await createTestDatabase({ empty: true });
    cleanups.push(() => database.drop());
    const port = await freePort();
    const app = runApp({ DATABASE_URL: database.url, PORT: String(port), ADMIN_EMAIL: 'chief@kosino.test' });
    cleanups.push(() => app.stop());

    await waitForOk(app, `http://127.0.0.1:${port}/health`);
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      status: string;
      database: string;
    };
    expect(health).toMatchObject({ status: 'ok', database: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/admin/login`)).status).toBe(200);

    // The back-office's scripts go out as the build compressed them, and revalidate by their ETag.
    const script = `http://127.0.0.1:${port}/admin/frontend/assets/design-system.bundle.js`;
    const compressed = await fetch(script, { headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    const original = await fs.readFile(
      path.join(
        path.dirname(createRequire(import.meta.url).resolve('@adminjs/design-system')),
        '..',
        'bundle.production.js',
      ),
      'utf8',
    );
    expect(await compressed.text()).toBe(original);
    const again = await fetch(script, {
      headers: { 'accept-encoding': 'br', 'if-none-match': compressed.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    const password = /Пароль \(показан один раз, сохраните его\): (\S+)/.exec(app.output())?.[1];
    expect(password).toMatch(/^[\w-]{24}$/);
    const [admin] = (await database.dataSource.query(`SELECT email, role FROM app_user`)) as object[];
    expect(admin).toEqual({ email: 'chief@kosino.test', role: 'admin' });
    const [departments] = (await database.dataSource.query(
      `SELECT count(*)::int AS count FROM department`,
    )) as {
      count: number;
    }[];
    expect(departments.count).toBe(3);

    expect(await app.stop()).toBe(0);
  });

  it('runs on embedded PostgreSQL when DATABASE_URL is unset, and keeps its data for the next start', async () => {
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-boot-'));
    await fs.chmod(scratch, 0o755);
    cleanups.push(() => fs.rm(scratch, { recursive: true, force: true }));
    const env = {
      PG_DATA_DIR: path.join(scratch, 'pg'),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      ADMIN_PASSWORD: 'first-start-password',
    };

    // Its own working folder: the record of its running database goes to scratch/var.
    const first = runApp(env, { cwd: scratch });
    cleanups.push(() => first.stop());
    await waitForOk(first, `http://127.0.0.1:${env.PORT}/health`);
    expect(first.output()).toContain('Создан администратор: admin@kosino.local с паролем из ADMIN_PASSWORD');
    expect(first.output()).toContain('справочники загружены');
    expect(await first.stop()).toBe(0);

    const second = runApp(env, { cwd: scratch });
    cleanups.push(() => second.stop());
    await waitForOk(second, `http://127.0.0.1:${env.PORT}/health`);
    expect(second.output()).not.toContain('Создан администратор');
    // Nothing to migrate or load: no line about it; the summary says whom to log in as.
    expect(second.output()).not.toContain('Применено миграций');
    expect(second.output()).toContain('Вход: admin@kosino.local — пароль был показан при первом запуске');
    expect(second.output()).toContain(
      'Потеряли пароль — задайте новый: npm run user:password -- admin@kosino.local',
    );
    expect(await second.stop()).toBe(0);
  });

  it('stops with a Russian message naming the variable when the configuration is wrong', async () => {
    const app = runApp({ DATABASE_URL: 'mysql://nope', PORT: 'abc' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('PORT: ожидается номер порта');
    expect(app.output()).toContain('DATABASE_URL: ожидается адрес вида postgres://');
  });

  it('says how to fix a taken port', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const blocker = net.createServer().listen(0, '0.0.0.0');
    await new Promise((resolve) => blocker.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as net.AddressInfo).port;

    const app = runApp({ DATABASE_URL: database.url, PORT: String(port) });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(
      `Порт ${port} занят другой программой. Задайте другой: PORT=3001 npm start`,
    );
  });

  it('says which data folder cannot be written', async () => {
    // A regular file where a folder should be: unwritable even for root.
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-boot-'));
    cleanups.push(() => fs.rm(scratch, { recursive: true, force: true }));
    await fs.writeFile(path.join(scratch, 'not-a-folder'), '');
    const app = runApp({
      PG_DATA_DIR: path.join(scratch, 'not-a-folder', 'var', 'pg'),
      PORT: String(await freePort()),
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(
      `Папка для данных PostgreSQL недоступна для записи: ${path.join(scratch, 'not-a-folder', 'var')}`,
    );
    expect(app.output()).toContain('PG_DATA_DIR');
  });

  it('says how to fix a taken embedded PostgreSQL port', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as net.AddressInfo).port;
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-boot-'));
    await fs.chmod(scratch, 0o755);
    cleanups.push(() => fs.rm(scratch, { recursive: true, force: true }));

    const app = runApp({
      PG_DATA_DIR: path.join(scratch, 'pg'),
      EMBEDDED_PG_PORT: String(port),
      PORT: String(await freePort()),
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(`Порт ${port} для встроенного PostgreSQL занят другой программой`);
    expect(app.output()).toContain('EMBEDDED_PG_PORT=');
  });

  it('says what is wrong with an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const app = runApp({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/kosino`,
      PORT: String(await freePort()),
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(`Не удалось подключиться к базе данных 127.0.0.1:${port}/kosino`);
    expect(app.output()).toContain('Проверьте DATABASE_URL');
  });
});
