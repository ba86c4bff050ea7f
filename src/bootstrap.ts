import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { createApp } from './app.factory.js';
import { bootLogger } from './common/logger.js';
import { adminComponentsDir } from './common/project-root.js';
import type { AppConfig } from './config/config.js';
import { openDatabase, StartupError, type OpenDatabase } from './database/open-database.js';
import { prepareDatabase } from './database/prepare-database.js';
import { resolveSessionSecret } from './modules/setting/session-secret.js';
import { UserService } from './modules/user/user.service.js';

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

  let database: OpenDatabase | undefined;
  let app: INestApplication | undefined;
  const stop = async () => {
    await app?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
  };
  const onSignal = (signal: string) => {
    log.info(`Получен ${signal}, останавливаюсь`);
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    database = await openDatabase(config, log);
    const { dataSource } = database;
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
    if (error instanceof StartupError) log.error(error.message);
    else log.error({ err: error }, 'Запуск не удался');
    await stop();
    process.exit(1);
  }
}
