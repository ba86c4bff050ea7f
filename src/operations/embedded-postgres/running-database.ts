import { promises as fs } from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { embeddedUrl, isProcessAlive } from './embedded-postgres.js';

/**
 * The embedded PostgreSQL of a running app, as the scripts beside it need it (`seed:demo`,
 * `backup`, `user:password`; `restore`, to refuse; the benchmarks with BENCH_DATABASE_URL=app),
 * whatever PG_DATA_DIR and EMBEDDED_PG_PORT the app was started with. The app writes it to
 * var/running-database.json of its working folder once its server runs and marks it stopped when
 * it stops; a record whose server does not answer (the app was killed) counts for nothing. It holds
 * no password: the password file is named.
 */
export interface RunningDatabaseRecord {
  /** The app's process. */
  pid: number;
  port: number;
  dataDir: string;
  passwordFile: string;
  database: string;
  startedAt: string;
  /** When the app stopped: from then on the record only says which data the app used last. */
  stoppedAt?: string;
}

export const runningDatabaseFile = (workFolder: string) =>
  path.join(workFolder, 'var', 'running-database.json');

export async function readRunningDatabase(file: string): Promise<RunningDatabaseRecord | undefined> {
  try {
    const record = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<RunningDatabaseRecord>;
    const complete =
      typeof record.pid === 'number' &&
      typeof record.port === 'number' &&
      typeof record.dataDir === 'string' &&
      typeof record.passwordFile === 'string' &&
      typeof record.database === 'string';
    return complete ? (record as RunningDatabaseRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the app's record, unless another app that still runs recorded its own database there
 * (two apps in one folder: the first one keeps it). Returns how to mark it stopped.
 */
export async function recordRunningDatabase(
  file: string,
  record: Omit<RunningDatabaseRecord, 'startedAt' | 'stoppedAt'>,
): Promise<{ markStopped(): Promise<void> } | undefined> {
  const existing = await readRunningDatabase(file);
  if (
    existing &&
    !existing.stoppedAt &&
    existing.pid !== record.pid &&
    existing.dataDir !== record.dataDir &&
    isProcessAlive(existing.pid)
  ) {
    return undefined;
  }
  await writeRecord(file, { ...record, startedAt: new Date().toISOString() });
  return {
    markStopped: async () => {
      const current = await readRunningDatabase(file);
      if (current?.pid !== record.pid || current.stoppedAt) return;
      await writeRecord(file, { ...current, stoppedAt: new Date().toISOString() });
    },
  };
}

/**
 * The database of the app that runs beside: its record is current and its server answers with the
 * recorded password. Anything else (no record, a stopped app, a killed one) is undefined.
 */
export async function reachRunningDatabase(
  file: string,
): Promise<{ record: RunningDatabaseRecord; url: string } | undefined> {
  const record = await readRunningDatabase(file);
  if (!record || record.stoppedAt) return undefined;
  const password = await fs.readFile(record.passwordFile, 'utf8').catch(() => undefined);
  if (password === undefined) return undefined;
  const url = embeddedUrl(record.port, password.trim(), record.database);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  // A connection the server ends while this one waits must not end the process (see pool-guard.ts).
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { record, url };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function writeRecord(file: string, record: RunningDatabaseRecord): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Written aside and renamed: a script never reads half a record.
  const staging = `${file}.${process.pid}`;
  await fs.writeFile(staging, `${JSON.stringify(record, null, 2)}\n`);
  await fs.rename(staging, file);
}
