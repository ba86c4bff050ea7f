import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { createApp } from './app.factory.js';
import { bootLogger } from './common/logger.js';
import { adminComponentsDir } from './common/project-root.js';
import type { AppConfig } from './config/config.js';
import { leaveShutdownSignalsToTheApp } from './operations/embedded-postgres/embedded-postgres-package.js';
import { openDatabase, StartupError, type OpenDatabase } from './operations/open-database.js';
import { prepareDatabase } from './operations/prepare-database.js';
import { describeMailDelivery } from './modules/notification/mail-sender.js';
import { resolveSessionSecret } from './modules/setting/session-secret.js';
import { UserService } from './modules/user/user.service.js';
import { startupSummary } from './startup-summary.js';

/**
 * `npm start`: database (embedded PostgreSQL unless DATABASE_URL is set), migrations, dictionaries,
 * the first administrator, then the HTTP server, summed up in a few lines once it answers (the
 * steps are debug). A failure says how to fix it. SIGINT, SIGTERM and SIGHUP stop it in order, quietly.
 */
export async function bootstrap(config: AppConfig, startedAt = 0): Promise<void> {
  const log = bootLogger(config);
  const step = async <T>(title: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    log.debug(`${title}…`);
    const result = await run();
    log.debug(`${title}: готово за ${Date.now() - started} мс`);
    return result;
  };

  let database: OpenDatabase | undefined;
  let app: INestApplication | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      database?.expectShutdown();
      await app?.close().catch(() => undefined);
      await database?.close().catch(() => undefined);
    })());
  const onSignal = (signal: string) => {
    log.debug(`Получен ${signal}, останавливаюсь`);
    void stop().then(() => {
      // In a terminal the line goes under the «^C» it echoed.
      process.stdout.write(`${process.stdout.isTTY ? '\n' : ''}Остановлено.\n`);
      process.exit(0);
    });
  };
  // SIGHUP: the terminal was closed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, onSignal);

  try {
    database = await openDatabase(config, log, 'app');
    if (database.embedded) leaveShutdownSignalsToTheApp();
    const { dataSource } = database;
    const prepared = await step('Миграции и справочники', () => prepareDatabase(dataSource));
    if (prepared.migrationsApplied.length > 0 || prepared.seed.applied) {
      log.info(
        `Применено миграций: ${prepared.migrationsApplied.length}; ` +
          (prepared.seed.applied
            ? `справочники загружены (${prepared.seed.inserted} записей)`
            : 'справочники уже загружены'),
      );
    }
    const sessionSecret = await resolveSessionSecret(dataSource, config.session.secret);
    if (!existsSync(path.join(adminComponentsDir, 'bundle.js'))) {
      log.warn('Компоненты панели не собраны: выполните npm run build');
    }

    app = await step('Запуск приложения', () => createApp({ config, dataSource, sessionSecret }));
    const users = app.get(UserService);
    const created = await users.ensureInitialAdministrator(config.admin.email, config.admin.password);
    await app.listen(config.http.port, config.http.host).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        throw new StartupError(
          `Порт ${config.http.port} занят другой программой. Задайте другой: PORT=3001 npm start`,
        );
      }
      throw error;
    });

    const summary = startupSummary({
      publicUrl: config.http.publicUrl,
      database: database.description,
      mail: describeMailDelivery(config.mail),
      startedInMs: performance.now() - startedAt,
      created,
      administrators: created ? [] : await users.administrators(),
      terminal: process.stdout.isTTY === true,
    });
    process.stdout.write(`${summary.join('\n')}\n`);
  } catch (error) {
    if (error instanceof StartupError) log.error(error.message);
    else log.error({ err: error }, 'Запуск не удался');
    await stop();
    process.exit(1);
  }
}
