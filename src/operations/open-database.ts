import { existsSync } from 'node:fs';

import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

import type { AppConfig } from '../config/config.js';
import { buildDataSource } from '../database/data-source.js';
import {
  EmbeddedPortTakenError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres/embedded-postgres.js';
import { guardPoolConnections } from '../database/pool-guard.js';
import {
  reachRunningDatabase,
  readRunningDatabase,
  recordRunningDatabase,
  runningDatabaseFile,
} from './embedded-postgres/running-database.js';

/** A failure the person starting the app can fix: printed as the message alone, with the fix. */
export class StartupError extends Error {}

export interface OpenDatabase {
  dataSource: DataSource;
  embedded?: EmbeddedPostgres;
  /** Its address, password included (for pg_dump and the like; never shown). */
  url: string;
  /** Which database this is, for people (never the password). */
  description: string;
  /** The app is stopping on purpose: the server ending its connections is no longer news. */
  expectShutdown(): void;
  close(): Promise<void>;
}

/**
 * Who opens the database: the app owns the embedded server it starts and records it for the
 * scripts (running-database.ts); a script first looks for the server of an app running beside it.
 */
export type DatabaseUser = 'app' | 'script';

/**
 * Connects to DATABASE_URL, or to the embedded PostgreSQL: for a script, that of the app running
 * beside it (unless PG_DATA_DIR or EMBEDDED_PG_PORT says otherwise); else the one on PG_DATA_DIR,
 * started unless it already runs.
 */
export async function openDatabase(
  config: AppConfig,
  log: Logger,
  user: DatabaseUser = 'script',
): Promise<OpenDatabase> {
  let url = config.database.url;
  let description = url ? `PostgreSQL ${describeUrl(url)} (DATABASE_URL)` : '';
  let embedded: EmbeddedPostgres | undefined;
  const recordFile = runningDatabaseFile(config.projectRoot);
  if (!url && user === 'script' && !config.database.embedded.chosen) {
    const running = await reachRunningDatabase(recordFile);
    if (running) {
      url = running.url;
      description = describeEmbedded(running.record.port, running.record.dataDir);
      log.info(`База данных запущенного приложения: ${description}`);
    }
  }
  if (!url) {
    if (user === 'script' && !config.database.embedded.chosen) {
      await warnOfOtherData(recordFile, config.database.embedded.dataDir, log);
    }
    const started = Date.now();
    log.debug(`Запуск встроенного PostgreSQL (порт ${config.database.embedded.port})…`);
    try {
      embedded = await startEmbeddedPostgres({
        ...config.database.embedded,
        database: 'kosino_crm',
        log: (message) => log.debug({ component: 'postgres' }, message),
        notice: (message) => log.info(message),
      });
    } catch (error) {
      throw new StartupError(startFailure(error, user), { cause: error });
    }
    description = describeEmbedded(embedded.port, embedded.dataDir);
    log.debug(`Встроенный PostgreSQL готов за ${Date.now() - started} мс (данные: ${embedded.dataDir})`);
    url = embedded.url;
  }
  const dataSource = buildDataSource({ url, poolSize: config.database.poolSize });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new StartupError(
      `Не удалось подключиться к базе данных ${describeUrl(url)}: ${(error as Error).message}. ` +
        'Проверьте DATABASE_URL (адрес, пользователь, пароль, имя базы) и что сервер PostgreSQL запущен.',
      { cause: error },
    );
  }
  const guard = guardPoolConnections(dataSource, log);
  const record =
    user === 'app' && embedded
      ? await recordRunningDatabase(recordFile, {
          pid: process.pid,
          port: embedded.port,
          dataDir: embedded.dataDir,
          passwordFile: embedded.passwordFile,
          database: 'kosino_crm',
        })
      : undefined;
  return {
    dataSource,
    embedded,
    url,
    description,
    expectShutdown: () => guard.expectShutdown(),
    close: async () => {
      guard.expectShutdown();
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      await record?.markStopped();
    },
  };
}

export function describeEmbedded(port: number, dataDir: string): string {
  return `встроенный PostgreSQL, порт ${port}, данные в ${dataDir}`;
}

function startFailure(error: unknown, user: DatabaseUser): string {
  if (!(error instanceof EmbeddedPortTakenError)) return (error as Error).message;
  return user === 'app'
    ? `${error.message}. Задайте другой порт: EMBEDDED_PG_PORT=54330 npm start (или укажите DATABASE_URL своего сервера).`
    : `${error.message}. Если это база запущенного приложения (npm start) — не задавайте PG_DATA_DIR и ` +
        'EMBEDDED_PG_PORT: команда найдёт её сама; или задайте те же, что у приложения. ' +
        'Иначе укажите свободный порт в EMBEDDED_PG_PORT.';
}

/** A script about to start the embedded server on other data than the app used last: say so. */
async function warnOfOtherData(recordFile: string, dataDir: string, log: Logger): Promise<void> {
  const last = await readRunningDatabase(recordFile);
  if (!last || last.dataDir === dataDir || !existsSync(last.dataDir)) return;
  log.warn(
    `Приложение в последний раз работало с данными в ${last.dataDir}, а команда берёт ${dataDir}. ` +
      `Чтобы работать с теми данными, задайте PG_DATA_DIR=${last.dataDir} (или запустите приложение: ` +
      'рядом с ним команда найдёт его базу сама).',
  );
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(неразборчивый адрес)';
  }
}
