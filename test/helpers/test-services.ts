import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';

import { AdminModule } from '../../src/admin/admin.module.js';
import { AppModule } from '../../src/app.module.js';
import { buildConfig, type AppConfig } from '../../src/config/config.js';
import { buildDataSource } from '../../src/database/data-source.js';
import { guardPoolConnections } from '../../src/database/pool-guard.js';
import { resolveSessionSecret } from '../../src/modules/setting/session-secret.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestFolders, testEnvironment } from './test-environment.js';

/** The app's services without HTTP (the integration tier): `app.get(LeadService)` and so on. */
export interface TestServices {
  app: INestApplicationContext;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A provider of the app replaced by a test double (`{ provide: IMPORT_LINES, useValue: double }`). */
export interface ProviderOverride {
  provide: unknown;
  useValue: unknown;
}

/**
 * The app's modules, services and schedules on its own copy of the template database, as a Nest
 * application context: nothing listens, no back-office is mounted. Faster and lighter than
 * `startTestApp`, for tests of service rules that need no request.
 */
export async function startServices(
  env: Record<string, string> = {},
  overrides: ProviderOverride[] = [],
): Promise<TestServices> {
  const database = await createTestDatabase();
  const folders = await createTestFolders();
  const config = buildConfig(testEnvironment(database.url, folders.mailDir, folders.uploadDir, env));
  const app = await createServices(config, database.dataSource, overrides);
  return {
    app,
    config,
    database,
    dataSource: database.dataSource,
    close: async () => {
      await app.close();
      await database.drop();
      await folders.remove();
    },
  };
}

export interface SecondServices {
  app: INestApplicationContext;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Another instance's services on the first one's database, as when the app is scaled out: its own
 * pool, schedules and memory; the same uploads folder; its mail in a folder of its own. `close`
 * it before the first one (which drops the database).
 */
export async function startSecondServices(
  first: TestServices,
  env: Record<string, string> = {},
): Promise<SecondServices> {
  const dataSource = buildDataSource({ url: first.database.url, poolSize: 4 });
  await dataSource.initialize();
  guardPoolConnections(dataSource, pino({ level: 'silent' }));
  const config = buildConfig(
    testEnvironment(
      first.database.url,
      `${first.config.mail.directory}/second-instance`,
      first.config.uploads.directory,
      env,
    ),
  );
  const app = await createServices(config, dataSource);
  return {
    app,
    config,
    dataSource,
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

async function createServices(
  config: AppConfig,
  dataSource: DataSource,
  overrides: ProviderOverride[] = [],
): Promise<INestApplicationContext> {
  const sessionSecret = await resolveSessionSecret(dataSource, config.session.secret);
  const root = AppModule.forRoot({ config, dataSource, sessionSecret });
  // The back-office mounts itself on the HTTP server, which an application context has not.
  const withoutBackOffice: DynamicModule = {
    ...root,
    imports: root.imports?.filter((imported) => imported !== AdminModule),
  };
  if (overrides.length === 0) {
    return NestFactory.createApplicationContext(withoutBackOffice, { logger: false, abortOnError: false });
  }
  const builder = Test.createTestingModule({ imports: [withoutBackOffice] });
  for (const override of overrides) builder.overrideProvider(override.provide).useValue(override.useValue);
  const testing = await builder.compile();
  testing.useLogger(false);
  return testing.init();
}
