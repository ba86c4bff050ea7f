import net from 'node:net';

import pg from 'pg';

/** The migrated, seeded database every test database is copied from (built by global-setup.mjs). */
export const TEMPLATE_DATABASE = 'kosino_test_template';

/** Where the test PostgreSQL server is: passed from the global setup to the test workers. */
export const SERVER_URL_VARIABLE = 'KOSINO_TEST_SERVER_URL';

export async function recreateDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  assertTestDatabaseName(name);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    const templateClause = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${templateClause}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  assertTestDatabaseName(name);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Tests drop and create databases: never touch one whose name does not say it is for tests. */
function assertTestDatabaseName(name: string): void {
  if (!name.includes('test'))
    throw new Error(`Refusing to use database "${name}" for tests: its name lacks "test"`);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
