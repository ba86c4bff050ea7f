import { randomBytes } from 'node:crypto';

import pino from 'pino';
import type { DataSource } from 'typeorm';

import { buildDataSource } from '../../src/database/data-source.js';
import { guardPoolConnections } from '../../src/database/pool-guard.js';
import {
  dropDatabase,
  recreateDatabase,
  SERVER_URL_VARIABLE,
  TEMPLATE_DATABASE,
  withDatabase,
} from '../setup/test-server.js';

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env[SERVER_URL_VARIABLE];
  if (!url) throw new Error('The test PostgreSQL server is not running: run the tests with npm test');
  return url;
}

/**
 * A database of its own for a test file: a copy of the migrated, seeded template, or an empty
 * one (`{ empty: true }`) for tests of migrations and first boot.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `kosino_test_${randomBytes(5).toString('hex')}`;
  await recreateDatabase(serverUrl, name, options.empty ? undefined : TEMPLATE_DATABASE);
  const url = withDatabase(serverUrl, name);
  const dataSource = buildDataSource({ url, poolSize: 4 });
  await dataSource.initialize();
  // As the app's own pool (open-database.ts): a connection the server ends fails its query only.
  guardPoolConnections(dataSource, pino({ level: 'silent' }));
  return {
    name,
    url,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(serverUrl, name);
    },
  };
}
