import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import {
  BackupError,
  connectionFor,
  findPostgresTools,
  refuseOlderTool,
  serverFacts,
  startTool,
} from './backup-tools.js';

/**
 * A backup is one folder: `database.dump` (pg_dump's custom format, restored with pg_restore),
 * `files/` (a copy of UPLOAD_DIR, the history events' attachments) and `manifest.json` (what was
 * saved, by which versions, with a checksum of the dump). The database is dumped first, then the
 * files are copied: every file the dump names is in the copy unless it was deleted meanwhile.
 */
export const BACKUP_FORMAT = 'kosino-crm-backup';
export const DUMP_FILE = 'database.dump';
export const FILES_FOLDER = 'files';
export const MANIFEST_FILE = 'manifest.json';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  createdAt: string;
  app: { version: string };
  /** The migrations applied in the saved database, in order. */
  migrations: string[];
  postgres: { server: string; serverMajor: number; pgDump: string; pgDumpMajor: number; database: string };
  database: { file: string; bytes: number; sha256: string };
  files: { folder: string; count: number; bytes: number };
}

export interface BackupOptions {
  url: string;
  uploadDir: string;
  /** The backup folder to make; it must not exist yet. */
  out: string;
  appVersion: string;
  notice: (message: string) => void;
}

export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  const out = path.resolve(options.out);
  if (await exists(out)) throw new BackupError(`${out} уже существует: укажите другое место в --out`);
  const tools = findPostgresTools(['pg_dump'], options.notice);

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  let server;
  let migrations;
  try {
    server = await serverFacts(client);
    migrations = await appliedMigrations(client);
  } finally {
    await client.end();
  }
  refuseOlderTool(tools.pg_dump, server.major, server.version);

  // Written beside the target and renamed at the end: a folder at `out` is always a whole backup.
  await fs.mkdir(path.dirname(out), { recursive: true });
  const staging = `${out}.partial-${process.pid}`;
  await fs.mkdir(staging, { mode: 0o700 }); // password hashes and personal data inside
  try {
    const dumpFile = path.join(staging, DUMP_FILE);
    const connection = connectionFor(options.url);
    options.notice(
      `Выгружаю базу ${server.database} (PostgreSQL ${server.version}, pg_dump ${tools.pg_dump.version})…`,
    );
    await startTool(
      tools.pg_dump,
      ['--format=custom', `--file=${dumpFile}`, `--dbname=${connection.dbname}`],
      connection.env,
    ).done;
    options.notice(`Копирую файлы из ${options.uploadDir}…`);
    const files = await copyUploads(options.uploadDir, path.join(staging, FILES_FOLDER));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      app: { version: options.appVersion },
      migrations,
      postgres: {
        server: server.version,
        serverMajor: server.major,
        pgDump: tools.pg_dump.version,
        pgDumpMajor: tools.pg_dump.major,
        database: server.database,
      },
      database: { file: DUMP_FILE, bytes: (await fs.stat(dumpFile)).size, sha256: await sha256(dumpFile) },
      files: { folder: FILES_FOLDER, ...files },
    };
    await fs.writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await fs.rename(staging, out);
    return manifest;
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

export async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const table = await client.query<{ found: string | null }>(
    `SELECT to_regclass('public.migration')::text AS found`,
  );
  if (!table.rows[0].found) return [];
  return (await client.query<{ name: string }>('SELECT name FROM public.migration ORDER BY id')).rows.map(
    (row) => row.name,
  );
}

/**
 * Copies the attachments, leaving out the folders whose names start with a dot at the top
 * (`.incoming`: uploads still arriving). Returns what was copied.
 */
export async function copyUploads(from: string, to: string): Promise<{ count: number; bytes: number }> {
  await fs.mkdir(to, { recursive: true });
  for (const entry of await uploadEntries(from)) {
    await fs.cp(path.join(from, entry), path.join(to, entry), {
      recursive: true,
      errorOnExist: true,
      force: false,
      verbatimSymlinks: true,
    });
  }
  return measureFiles(to);
}

/** The top-level entries of an uploads folder that are data (none when it does not exist). */
export async function uploadEntries(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return entries.filter((name) => !name.startsWith('.')).sort();
}

export async function measureFiles(folder: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    count += 1;
    bytes += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { count, bytes };
}

export function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
