import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

import type { AppConfig } from '../config/config.js';
import { buildDataSource } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { guardPoolConnections } from './pool-guard.js';

/** A failure the person starting the app can fix: printed as the message alone, with the fix. */
export class StartupError extends Error {}

export interface OpenDatabase {
  dataSource: DataSource;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL (reusing one that already runs on
 * the same data folder, e.g. under `npm start` while `npm run seed:demo` runs).
 */
export async function openDatabase(config: AppConfig, log: Logger): Promise<OpenDatabase> {
  let url = config.database.url;
  let embedded: EmbeddedPostgres | undefined;
  if (!url) {
    const started = Date.now();
    log.info(`Запуск встроенного PostgreSQL (порт ${config.database.embedded.port})…`);
    try {
      embedded = await startEmbeddedPostgres({
        ...config.database.embedded,
        database: 'kosino_crm',
        log: (message) => log.debug({ component: 'postgres' }, message),
        notice: (message) => log.info(message),
      });
    } catch (error) {
      throw new StartupError((error as Error).message, { cause: error });
    }
    log.info(`Встроенный PostgreSQL готов за ${Date.now() - started} мс (данные: ${embedded.dataDir})`);
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
  guardPoolConnections(dataSource, log);
  return {
    dataSource,
    embedded,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(неразборчивый адрес)';
  }
}
