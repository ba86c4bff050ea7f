import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';

import { projectRoot } from '../../../src/common/project-root.js';
import { buildDataSource } from '../../../src/database/data-source.js';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../../src/operations/embedded-postgres/embedded-postgres.js';
import { ClientService } from '../../../src/modules/client/client.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { freePort } from '../../setup/test-server.js';
import { createUser } from '../../helpers/users.js';

/**
 * `npm run backup` from the app's database (DATABASE_URL) and its uploads, then `npm run restore`
 * into a fresh embedded PostgreSQL (a new cluster, as on a new machine) and a new uploads folder:
 * every table, sequence and file must come back the same.
 */
describe('backup and restore (npm run backup / npm run restore)', () => {
  let source: TestApp;
  let scratch: string;
  let target: { dataDir: string; port: number; uploadDir: string };
  let restored: EmbeddedPostgres | undefined;
  const backupDir = () => path.join(scratch, 'copy');
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]);
  const text = Buffer.from('Счёт на оплату\n');

  beforeAll(async () => {
    source = await startTestApp();
    const [{ id: departmentId }] = (await source.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const user = await createUser(source.app, 'manager', { departmentId });
    const manager = await logIn(source, user.email);
    const client = await source.app
      .get(ClientService)
      .create({ companyName: 'ООО «Резервная копия»', source: 'Звонок' }, { id: user.id, departmentId });
    const [{ id: typeId }] = (await source.dataSource.query(
      `SELECT id FROM history_event_type WHERE code = 'after_sales'`,
    )) as { id: number }[];
    const response = await manager
      .post('/admin/api/resources/HistoryEvent/actions/new')
      .field('clientId', String(client.id))
      .field('typeId', String(typeId))
      .field('comment', 'Акт и счёт')
      .attach('files.0', pdf, { filename: 'Акт.pdf', contentType: 'application/pdf' })
      .attach('files.1', text, { filename: 'счёт.txt', contentType: 'text/plain' });
    expect(response.body.notice).toEqual({ message: 'historyEventSaved', type: 'success' });
    // Nothing may change the source after the backup: the app stops (and closes its connections), its database stays.
    await source.app.close();

    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-backup-'));
    await fs.chmod(scratch, 0o755); // as root, the user postgres must enter it
    target = {
      dataDir: path.join(scratch, 'pg'),
      port: await freePort(),
      uploadDir: path.join(scratch, 'uploads'),
    };
  });
  afterAll(async () => {
    await restored?.stop();
    await source.database.drop();
    for (const folder of [source.config.uploads.directory, source.config.mail.directory, scratch]) {
      if (folder) await fs.rm(folder, { recursive: true, force: true });
    }
  });

  const sourceEnv = () => ({
    DATABASE_URL: source.database.url,
    UPLOAD_DIR: source.config.uploads.directory,
  });
  const targetEnv = () => ({
    PG_DATA_DIR: target.dataDir,
    EMBEDDED_PG_PORT: String(target.port),
    UPLOAD_DIR: target.uploadDir,
  });

  it('writes one folder with the dump, the files and a manifest', async () => {
    const result = await runCli('backup.cli.js', ['--out', backupDir()], sourceEnv());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Резервная копия готова: ${backupDir()}`);
    expect((await fs.readdir(backupDir())).sort()).toEqual(['database.dump', 'files', 'manifest.json']);
    const manifest = JSON.parse(await fs.readFile(path.join(backupDir(), 'manifest.json'), 'utf8'));
    const migrations = await query<{ name: string }>(
      source.database.url,
      'SELECT name FROM migration ORDER BY id',
    );
    expect(manifest).toMatchObject({
      format: 'kosino-crm-backup',
      migrations: migrations.map((migration) => migration.name),
      postgres: { serverMajor: 15, pgDumpMajor: 15 },
      files: { count: 2, bytes: pdf.length + text.length },
    });
    // Uploads still arriving (UPLOAD_DIR/.incoming) are not part of it.
    expect(existsSync(path.join(backupDir(), 'files', '.incoming'))).toBe(false);
  });

  it('restores into a fresh database and finds the same records and the same files', async () => {
    const result = await runCli('restore.cli.js', [backupDir()], targetEnv());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Восстановлено из копии от');

    restored = await startEmbeddedPostgres({
      dataDir: target.dataDir,
      port: target.port,
      database: 'kosino_crm',
      log: () => undefined,
      notice: () => undefined,
    });
    const expected = await snapshot(source.database.url);
    expect(expected.tables.client.rows).toBeGreaterThan(0);
    expect(expected.tables.history_event.rows).toBe(1);
    expect(await snapshot(restored.url)).toEqual(expected);
    // The app takes the restored database as its own: no migration left to apply.
    const dataSource = buildDataSource({ url: restored.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }

    const [event] = await query<{ keys: string[]; names: string[] }>(
      restored.url,
      `SELECT attachment_keys AS keys, attachment_names AS names FROM history_event
       JOIN client ON client.id = history_event.client_id WHERE client.company_name = 'ООО «Резервная копия»'`,
    );
    expect(event.names).toEqual(['Акт.pdf', 'счёт.txt']);
    expect(await fs.readFile(path.join(target.uploadDir, event.keys[0]))).toEqual(pdf);
    expect(await fs.readFile(path.join(target.uploadDir, event.keys[1]))).toEqual(text);
    expect(await fileDigests(target.uploadDir)).toEqual(await fileDigests(source.config.uploads.directory));
  });

  it('refuses to restore over data, changing nothing, and replaces it all with --force', async () => {
    const url = restored!.url;
    await query(url, `UPDATE client SET company_name = 'ООО «Изменено после копии»'`);
    await fs.writeFile(path.join(target.uploadDir, 'extra.txt'), 'не из копии');
    const changed = await snapshot(url);
    expect(changed).not.toEqual(await snapshot(source.database.url));

    const refused = await runCli('restore.cli.js', [backupDir()], targetEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Восстановление отменено, ничего не изменено: база 127.0.0.1:');
    expect(refused.stderr).toContain(`в папке файлов ${target.uploadDir} уже есть данные`);
    expect(refused.stderr).toContain(`npm run restore -- ${backupDir()} --force`);
    expect(await snapshot(url)).toEqual(changed);

    // A running app (here: one connection of it) would write into what is replaced: refused.
    const app = new pg.Client({ connectionString: url, application_name: 'kosino-crm' });
    await app.connect();
    const busy = await runCli('restore.cli.js', [backupDir(), '--force'], targetEnv()).finally(() =>
      app.end(),
    );
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(
      /подключены другие программы \(kosino-crm \(pid \d+\)\): остановите приложение/,
    );
    expect(await snapshot(url)).toEqual(changed);

    const forced = await runCli('restore.cli.js', [backupDir(), '--force'], targetEnv());
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(await snapshot(url)).toEqual(await snapshot(source.database.url));
    expect(await fileDigests(target.uploadDir)).toEqual(await fileDigests(source.config.uploads.directory));
  });

  it('says which package to install when pg_dump is missing', async () => {
    // No apt-get on this PATH either, so nothing is installed.
    const result = await runCli('backup.cli.js', ['--out', path.join(scratch, 'none')], {
      ...sourceEnv(),
      PATH: path.join(scratch, 'empty-bin'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Не найдены программы PostgreSQL: pg_dump. Установите пакет postgresql-client',
    );
    expect(existsSync(path.join(scratch, 'none'))).toBe(false);
  });

  it('refuses a pg_dump older than the server, naming both versions', async () => {
    const bin = path.join(scratch, 'old-bin');
    await fs.mkdir(bin);
    await fs.writeFile(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.11"\n', {
      mode: 0o755,
    });
    const result = await runCli('backup.cli.js', ['--out', path.join(scratch, 'old')], {
      ...sourceEnv(),
      PATH: bin,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pg_dump 14\.11 \(.+\) старше сервера PostgreSQL 15\.\d+/);
    expect(result.stderr).toContain('пакет postgresql-client-15');
    expect(existsSync(path.join(scratch, 'old'))).toBe(false);
  });
});

/** Runs a compiled backup command as `npm run …` does (npm test builds dist/ first). */
function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => ['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(key)),
  );
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist', 'src', 'operations', 'backup', script), ...args],
    {
      cwd: projectRoot,
      env: { ...inherited, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every table's row count and content digest, every sequence's position, and the schema's objects. */
async function snapshot(url: string) {
  const tables: Record<string, { rows: number; digest: string }> = {};
  const names = await query<{ name: string }>(
    url,
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  for (const { name } of names) {
    const table = pg.escapeIdentifier(name);
    [tables[name]] = await query<{ rows: number; digest: string }>(
      url,
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
       FROM public.${table} t`,
    );
  }
  const sequences = await query(
    url,
    `SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
  );
  const [schema] = await query(
    url,
    `SELECT (SELECT count(*)::int FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
             WHERE n.nspname = 'public') AS constraints,
            (SELECT count(*)::int FROM pg_indexes WHERE schemaname = 'public') AS indexes,
            (SELECT count(*)::int FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal) AS triggers,
            (SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension) AS extensions`,
  );
  return { tables, sequences, schema };
}

async function fileDigests(folder: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, file);
    if (!entry.isFile() || relative.startsWith('.')) continue;
    digests[relative] = createHash('sha256')
      .update(await fs.readFile(file))
      .digest('hex');
  }
  return digests;
}
