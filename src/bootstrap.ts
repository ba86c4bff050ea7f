import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { createApp } from './app.factory.js';
import { bootLogger } from './common/logger.js';
import { adminComponentsDir } from './common/project-root.js';
import type { AppConfig } from './config/config.js';
import { buildDataSource } from './database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres.js';
import { prepareDatabase } from './database/prepare-database.js';
import { resolveSessionSecret } from './modules/setting/session-secret.js';
import { UserService } from './modules/user/user.service.js';

/** A failure the person starting the app can fix: printed as the message alone, with the fix. */
class StartupError extends Error {}

/**
 * `npm start`: database (embedded PostgreSQL unless DATABASE_URL is set), migrations, dictionaries,
 * the first administrator, then the HTTP server. Each step is reported; a failure says how to fix it.
 */
export async function bootstrap(config: AppConfig): Promise<void> {
  const log = bootLogger(config);
  const step = async <T>(title: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    log.info(`${title}…`);
    const result = await run();
    log.info(`${title}: готово за ${Date.now() - started} мс`);
    return result;
  };

  let embedded: EmbeddedPostgres | undefined;
  let app: INestApplication | undefined;
  const shutdown = async (signal: string) => {
    log.info(`Получен ${signal}, останавливаюсь`);
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let url = config.database.url;
    if (!url) {
      embedded = await step(`Запуск встроенного PostgreSQL (порт ${config.database.embedded.port})`, () =>
        startEmbeddedPostgres({
          ...config.database.embedded,
          database: 'kosino_crm',
          log: (message) => log.debug({ component: 'postgres' }, message),
        }),
      );
      url = embedded.url;
    }
    const dataSource = buildDataSource({ url, poolSize: config.database.poolSize });
    await step('Подключение к базе данных', () =>
      dataSource.initialize().catch((error: Error) => {
        throw new StartupError(
          `Не удалось подключиться к базе данных ${describeUrl(url)}: ${error.message}. ` +
            'Проверьте DATABASE_URL (адрес, пользователь, пароль, имя базы) и что сервер PostgreSQL запущен.',
        );
      }),
    );
    const prepared = await step('Миграции и справочники', () => prepareDatabase(dataSource));
    log.info(
      `Применено миграций: ${prepared.migrationsApplied.length}; ` +
        (prepared.seed.applied
          ? `справочники загружены (${prepared.seed.inserted} записей)`
          : 'справочники уже загружены'),
    );
    const sessionSecret = await resolveSessionSecret(dataSource, config.session.secret);
    if (!existsSync(path.join(adminComponentsDir, 'bundle.js'))) {
      log.warn('Компоненты панели не собраны: выполните npm run build');
    }

    app = await step('Запуск приложения', () => createApp({ config, dataSource, sessionSecret }));
    const administrator = await app
      .get(UserService)
      .ensureInitialAdministrator(config.admin.email, config.admin.password);
    await app.listen(config.http.port, config.http.host).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        throw new StartupError(
          `Порт ${config.http.port} занят другой программой. Задайте другой: PORT=3001 npm start`,
        );
      }
      throw error;
    });

    const lines = [
      '',
      `  Kosino CRM работает: ${config.http.publicUrl}/admin   (запуск за ${Math.round(process.uptime() * 1000)} мс)`,
    ];
    if (administrator?.generatedPassword) {
      lines.push(
        `  Создан администратор: ${administrator.email}`,
        `  Пароль (показан один раз, сохраните его): ${administrator.generatedPassword}`,
      );
    } else if (administrator) {
      lines.push(`  Создан администратор: ${administrator.email} с паролем из ADMIN_PASSWORD`);
    } else {
      lines.push(
        '  Вход: учётная запись администратора или пользователя, созданного в разделе «Администрирование».',
      );
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);
  } catch (error) {
    if (
      error instanceof StartupError ||
      (error instanceof Error && /PostgreSQL|Порт|Папка/.test(error.message))
    ) {
      log.error(error.message);
    } else {
      log.error({ err: error }, 'Запуск не удался');
    }
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(неразборчивый адрес)';
  }
}
