import { promises as fs } from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import {
  BACKUP_FORMAT,
  copyUploads,
  MANIFEST_FILE,
  sha256,
  uploadEntries,
  type BackupManifest,
} from './backup.js';
import {
  BackupError,
  connectionFor,
  describeDatabase,
  findPostgresTools,
  refuseOlderTool,
  serverFacts,
  startTool,
} from './backup-tools.js';

export interface RestoreOptions {
  url: string;
  uploadDir: string;
  /** The backup folder (made by createBackup). */
  from: string;
  /** Replace a database and an uploads folder that are not empty. */
  force: boolean;
  /** The migrations this version of the app knows, in order. */
  knownMigrations: string[];
  notice: (message: string) => void;
}

/**
 * Restores a backup into the configured database and UPLOAD_DIR. Without `force` both must be
 * empty. The database is restored in one transaction (with `force`, dropping the old schemas is
 * part of it): a failure leaves it as it was. The files are copied next to the old ones first and
 * moved into place only after the database committed.
 */
export async function restoreBackup(options: RestoreOptions): Promise<BackupManifest> {
  const from = path.resolve(options.from);
  const manifest = await readManifest(from);
  const dumpFile = path.join(from, manifest.database.file);
  if ((await sha256(dumpFile).catch(() => '')) !== manifest.database.sha256) {
    throw new BackupError(
      `Файл ${dumpFile} повреждён или заменён: его контрольная сумма не совпадает с ${MANIFEST_FILE}`,
    );
  }
  const unknown = manifest.migrations.filter((name) => !options.knownMigrations.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `Копия сделана более новой версией приложения (${manifest.app.version}): в ней есть миграции, ` +
        `которых эта версия не знает (${unknown.join(', ')}). Обновите приложение и повторите восстановление.`,
    );
  }
  const tools = findPostgresTools(['pg_restore', 'psql'], options.notice);
  if (tools.pg_restore.major < manifest.postgres.pgDumpMajor) {
    throw new BackupError(
      `Копию сделал pg_dump ${manifest.postgres.pgDump}, а pg_restore здесь — ${tools.pg_restore.version}: ` +
        `старый pg_restore её не прочтёт. Установите клиент PostgreSQL ${manifest.postgres.pgDumpMajor} или новее.`,
    );
  }

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  let schemas: string[];
  try {
    const server = await serverFacts(client);
    if (server.major < manifest.postgres.serverMajor) {
      throw new BackupError(
        `Копия снята с PostgreSQL ${manifest.postgres.server}, а сервер ${describeDatabase(options.url)} — ` +
          `PostgreSQL ${server.version}: восстанавливайте в сервер версии ${manifest.postgres.serverMajor} или новее.`,
      );
    }
    for (const tool of Object.values(tools)) refuseOlderTool(tool, server.major, server.version);
    const others = await otherConnections(client);
    if (others.length > 0) {
      throw new BackupError(
        `К базе ${describeDatabase(options.url)} подключены другие программы (${others.join(', ')}): ` +
          `остановите приложение (и другие подключения) перед восстановлением. Ничего не изменено.`,
      );
    }
    schemas = await userSchemas(client);
    const relations = await userRelationCount(client);
    const files = await uploadEntries(options.uploadDir);
    if (!options.force && (relations > 0 || files.length > 0)) {
      const what = [
        relations > 0
          ? `база ${describeDatabase(options.url)} не пуста (таблиц и других объектов: ${relations})`
          : '',
        files.length > 0 ? `в папке файлов ${options.uploadDir} уже есть данные` : '',
      ].filter(Boolean);
      throw new BackupError(
        `Восстановление отменено, ничего не изменено: ${what.join('; ')}. Восстанавливать можно только в пустую ` +
          `базу. Чтобы заменить их содержимым копии (всё нынешнее будет удалено), добавьте --force: ` +
          `npm run restore -- ${options.from} --force`,
      );
    }
  } finally {
    await client.end();
  }

  // The files first, into a folder beside the old ones (same disk: moving them in is a rename).
  await fs.mkdir(options.uploadDir, { recursive: true });
  const staging = path.join(options.uploadDir, `.restoring-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  try {
    const copied = await copyUploads(path.join(from, manifest.files.folder), staging);
    if (copied.count !== manifest.files.count || copied.bytes !== manifest.files.bytes) {
      throw new BackupError(
        `В копии не хватает файлов: в ${MANIFEST_FILE} их ${manifest.files.count} (${manifest.files.bytes} байт), ` +
          `скопировано ${copied.count} (${copied.bytes} байт)`,
      );
    }
    options.notice(`Восстанавливаю базу ${describeDatabase(options.url)} из ${dumpFile}…`);
    await restoreDatabase(tools, options.url, dumpFile, options.force ? schemas : []);
    options.notice(`Восстанавливаю файлы в ${options.uploadDir}…`);
    for (const entry of await uploadEntries(options.uploadDir)) {
      await fs.rm(path.join(options.uploadDir, entry), { recursive: true, force: true });
    }
    for (const entry of await uploadEntries(staging)) {
      await fs.rename(path.join(staging, entry), path.join(options.uploadDir, entry));
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return manifest;
}

async function readManifest(folder: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${folder} — не резервная копия Kosino CRM: в ней нет читаемого ${MANIFEST_FILE}`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== 1) {
    throw new BackupError(
      `${folder}: неизвестный формат копии (${manifest.format} ${manifest.formatVersion})`,
    );
  }
  return manifest;
}

/**
 * pg_restore turns the dump into SQL and psql runs it with the schema drop (for --force) in one
 * transaction. Owners and grants are left out: the restoring user owns what it restores, as the
 * app's user owned it before (the embedded server's and a compose set's users differ).
 */
async function restoreDatabase(
  tools: Record<'pg_restore' | 'psql', Parameters<typeof refuseOlderTool>[0]>,
  url: string,
  dumpFile: string,
  schemasToDrop: string[],
): Promise<void> {
  const connection = connectionFor(url);
  const producer = startTool(
    tools.pg_restore,
    ['--no-owner', '--no-acl', '--file=-', dumpFile],
    connection.env,
    {
      output: true,
    },
  );
  const prelude = schemasToDrop.length
    ? [
        ...schemasToDrop.map((schema) => `DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE;`),
        // As a new database has it (PostgreSQL 15+): owned by the database's owner, usable by all.
        'CREATE SCHEMA public AUTHORIZATION pg_database_owner;',
        'GRANT USAGE ON SCHEMA public TO PUBLIC;',
      ]
    : [];
  const consumer = startTool(
    tools.psql,
    [
      '--no-psqlrc',
      '--quiet',
      '--set=ON_ERROR_STOP=1',
      '--single-transaction',
      `--dbname=${connection.dbname}`,
      ...(prelude.length ? [`--command=${prelude.join(' ')}`] : []),
      '--file=-',
    ],
    connection.env,
    { input: producer.stdout! },
  );
  const [restored, produced] = await Promise.allSettled([consumer.done, producer.done]);
  // When psql stops on an error, pg_restore fails only because its reader went away: psql's is the news.
  if (restored.status === 'rejected') throw restored.reason;
  if (produced.status === 'rejected') throw produced.reason;
}

/**
 * Who else works on the database (the app would keep writing into what is being replaced). A
 * connection closed a moment ago (this command's own pool) may still be listed: look again for 2 s.
 */
async function otherConnections(client: pg.Client): Promise<string[]> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await client.query<{ name: string }>(
      `SELECT coalesce(nullif(application_name, ''), 'без имени') || ' (pid ' || pid || ')' AS name
       FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid`,
    );
    if (result.rows.length === 0 || attempt === 20) return result.rows.map((row) => row.name);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Schemas that are not PostgreSQL's own (public included). */
async function userSchemas(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace
     WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%'
       AND nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY nspname`,
  );
  return result.rows.map((row) => row.name);
}

/**
 * Tables, views, sequences, schemas and functions that are not PostgreSQL's own. Extensions do not
 * count: TypeORM installs the ones the entities need when it connects (btree_gist), and the dump
 * creates them only if they are missing.
 */
async function userRelationCount(client: pg.Client): Promise<number> {
  const result = await client.query<{ count: number }>(
    `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\\_toast%')
          + (SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
               AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%')
          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e'))
          AS count`,
  );
  return Number(result.rows[0].count);
}
