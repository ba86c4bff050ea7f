import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

import pg from 'pg';

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql) as the backup commands use them:
 * found on PATH (installed with apt when missing and we may), of a version that can read the
 * server, and given the connection without showing the password in the process list.
 */

/** A problem the person running the backup can fix: printed as the message alone. */
export class BackupError extends Error {}

export type PostgresProgram = 'pg_dump' | 'pg_restore' | 'psql';

export interface PostgresTool {
  name: PostgresProgram;
  file: string;
  /** As the program reports it, e.g. «15.20 (Debian 15.20-0+deb12u1)». */
  version: string;
  major: number;
}

/** The Debian/Ubuntu package with all three programs, for the server's line of versions. */
export const CLIENT_PACKAGE = 'postgresql-client';

export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const folder of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(folder, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** «pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)» → 15.20…, major 15. */
export function parseToolVersion(output: string): { version: string; major: number } | undefined {
  const match = /\(PostgreSQL\)\s+((\d+)[^\n]*)/.exec(output);
  return match ? { version: match[1].trim(), major: Number(match[2]) } : undefined;
}

/**
 * The programs from PATH. When one is missing and we run as root with apt-get, the client package
 * is installed (as `npm test` does for its tools); otherwise the message names the package.
 */
export function findPostgresTools<T extends PostgresProgram>(
  names: T[],
  notice: (message: string) => void,
): Record<T, PostgresTool> {
  let missing = names.filter((name) => !findOnPath(name));
  if (missing.length > 0 && process.getuid?.() === 0 && findOnPath('apt-get')) {
    notice(`Нет ${missing.join(', ')}: устанавливаю пакет ${CLIENT_PACKAGE} (apt-get install)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', CLIENT_PACKAGE], {
        stdio: 'ignore',
        env,
      });
    } catch {
      // Said below, with what to do by hand.
    }
    missing = names.filter((name) => !findOnPath(name));
  }
  if (missing.length > 0) {
    throw new BackupError(
      `Не найдены программы PostgreSQL: ${missing.join(', ')}. Установите пакет ${CLIENT_PACKAGE} ` +
        `(sudo apt-get install -y ${CLIENT_PACKAGE}) той же основной версии, что и сервер, или новее, ` +
        `либо добавьте папку с этими программами в PATH.`,
    );
  }
  const tools = {} as Record<T, PostgresTool>;
  for (const name of names) {
    const file = findOnPath(name)!;
    const parsed = parseToolVersion(execFileSync(file, ['--version'], { encoding: 'utf8' }));
    if (!parsed) throw new BackupError(`Не удалось узнать версию ${file} (${name} --version)`);
    tools[name] = { name, file, ...parsed };
  }
  return tools;
}

/**
 * pg_dump refuses a server of a newer major version, and the others misread its catalogs: say so
 * before anything starts.
 */
export function refuseOlderTool(tool: PostgresTool, serverMajor: number, serverVersion: string): void {
  if (tool.major >= serverMajor) return;
  throw new BackupError(
    `${tool.name} ${tool.version} (${tool.file}) старше сервера PostgreSQL ${serverVersion}: ` +
      `программы PostgreSQL работают только с сервером своей основной версии или старше. ` +
      `Установите клиент PostgreSQL ${serverMajor} или новее (в Debian/Ubuntu — пакет ` +
      `${CLIENT_PACKAGE}-${serverMajor}) и поставьте его папку в PATH первой.`,
  );
}

export interface ServerFacts {
  version: string;
  major: number;
  database: string;
}

export async function serverFacts(client: pg.Client): Promise<ServerFacts> {
  const [row] = (
    await client.query<{ version: string; number: string; database: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS number,
              current_database() AS database`,
    )
  ).rows;
  return { version: row.version, major: Math.floor(Number(row.number) / 10000), database: row.database };
}

/**
 * The arguments and environment that point a client program at `url`: the address without the
 * password (other users can read a process's arguments), the password in PGPASSWORD.
 */
export function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}

/** «host:port/database» for messages (never the password). */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/**
 * Starts a program; `done` settles when it ends (a non-zero exit becomes a BackupError with what it
 * printed). `input` is piped to its standard input; with `output` its standard output is returned.
 */
export function startTool(
  tool: PostgresTool,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { input?: NodeJS.ReadableStream; output?: boolean } = {},
): { stdout: NodeJS.ReadableStream | null; done: Promise<void> } {
  const child = spawn(tool.file, args, {
    env,
    stdio: [options.input ? 'pipe' : 'ignore', options.output ? 'pipe' : 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  if (options.input) {
    // A reader that stops early (an error) closes its input: the writer's EPIPE is not the news.
    child.stdin!.on('error', () => undefined);
    options.input.pipe(child.stdin!);
  }
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new BackupError(`${tool.name} не запустился: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new BackupError(
            `${tool.name} завершился с ошибкой (${code ?? signal}): ${errors.trim() || 'без сообщения'}`,
          ),
        );
    });
  });
  return { stdout: child.stdout, done };
}
