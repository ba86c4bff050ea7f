import { parseArgs, type ParseArgsConfig } from 'node:util';

import { DomainError } from '../../common/domain-error.js';
import { bootLogger } from '../../common/logger.js';
import { buildConfig, ConfigError, type AppConfig } from '../../config/config.js';
import { InvalidPasswordError } from '../../modules/user/password-policy.js';
import { BackupError } from '../backup/backup-tools.js';
import { openDatabase, StartupError, type OpenDatabase } from '../open-database.js';
import { isProcessAlive } from '../embedded-postgres/embedded-postgres.js';
import { reachRunningDatabase, runningDatabaseFile } from '../embedded-postgres/running-database.js';

/** What the scripts on the app's database share (`backup`, `restore`, `user:password`). */

/** A refusal the person running a script can act on: printed as its message alone. */
export class ScriptError extends Error {}

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

export interface ScriptOptions {
  /**
   * What the script does that cannot be done beside the running app (e.g. «восстановление заменяет
   * базу, с которой оно работает»): then it refuses before touching anything.
   */
  needsAppStopped?: string;
}

/**
 * Runs `work` against the database the app uses: DATABASE_URL, the embedded server of the app
 * running beside (found through its record, running-database.ts), or the embedded server started
 * as `npm start` starts it. A problem the user can fix is printed as its message alone; any failure
 * ends the process with 1.
 */
export async function withAppDatabase(
  work: (context: { config: AppConfig; url: string; database: OpenDatabase }) => Promise<void>,
  options: ScriptOptions = {},
): Promise<void> {
  let database: OpenDatabase | undefined;
  let failed = false;
  try {
    const config = buildConfig();
    if (options.needsAppStopped) await refuseBesideRunningApp(config, options.needsAppStopped);
    database = await openDatabase(config, bootLogger(config), 'script');
    await work({ config, url: database.url, database });
  } catch (error) {
    const known = [
      ScriptError,
      BackupError,
      StartupError,
      ConfigError,
      DomainError,
      InvalidPasswordError,
    ].some((type) => error instanceof type);
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

async function refuseBesideRunningApp(config: AppConfig, what: string): Promise<void> {
  if (config.database.url) return; // another server: its other connections are checked where it matters
  const running = await reachRunningDatabase(runningDatabaseFile(config.projectRoot));
  if (!running || !isProcessAlive(running.record.pid)) return;
  const { record } = running;
  if (config.database.embedded.chosen && record.dataDir !== config.database.embedded.dataDir) return;
  throw new ScriptError(
    `Приложение запущено (процесс ${record.pid}, база в ${record.dataDir}, порт ${record.port}): ${what}. ` +
      'Остановите его (Ctrl+C в окне npm start) и повторите команду' +
      (config.database.embedded.dataDir === record.dataDir
        ? '.'
        : ` с его данными: PG_DATA_DIR=${record.dataDir}.`) +
      ' Ничего не изменено.',
  );
}
