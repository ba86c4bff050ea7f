import path from 'node:path';

import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import type { DataSource } from 'typeorm';

import { createApp } from '../../src/app.factory.js';
import { buildConfig, type AppConfig } from '../../src/config/config.js';
import { buildDataSource } from '../../src/database/data-source.js';
import { guardPoolConnections } from '../../src/database/pool-guard.js';
import { resolveSessionSecret } from '../../src/modules/setting/session-secret.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestFolders, testEnvironment } from './test-environment.js';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  baseUrl: string;
  close(): Promise<void>;
}

/** The whole app on its own copy of the template database, listening on a free loopback port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const folders = await createTestFolders();
  const config = buildConfig(testEnvironment(database.url, folders.mailDir, folders.uploadDir, env));
  const sessionSecret = await resolveSessionSecret(database.dataSource, config.session.secret);
  const app = await createApp({ config, dataSource: database.dataSource, sessionSecret });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    database,
    dataSource: database.dataSource,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await database.drop();
      await folders.remove();
    },
  };
}

export interface SecondInstance {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Another instance of the app on the first one's database, as when the app is scaled out: its own
 * pool, schedules and memory; the same uploads folder; its mail in a folder of its own. `close`
 * it before the first one (which drops the database).
 */
export async function startSecondInstance(
  first: TestApp,
  env: Record<string, string> = {},
): Promise<SecondInstance> {
  const dataSource = buildDataSource({ url: first.database.url, poolSize: 4 });
  await dataSource.initialize();
  guardPoolConnections(dataSource, pino({ level: 'silent' }));
  const mailDir = path.join(first.config.mail.directory, 'second-instance');
  const config = buildConfig(
    testEnvironment(first.database.url, mailDir, first.config.uploads.directory, env),
  );
  const sessionSecret = await resolveSessionSecret(dataSource, config.session.secret);
  const app = await createApp({ config, dataSource, sessionSecret });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    dataSource,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
