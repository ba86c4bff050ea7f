// Starts (or finds) the test PostgreSQL server and builds the migrated, seeded template database
// once per run. Plain JavaScript over the build in dist/ (npm test builds first), because jest
// loads global setup outside its ESM module system.
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { buildDataSource } from '../../dist/src/database/data-source.js';
import { startEmbeddedPostgres } from '../../dist/src/operations/embedded-postgres/embedded-postgres.js';
import { prepareDatabase } from '../../dist/src/operations/prepare-database.js';

// The same names as in test/setup/test-server.ts, which the test workers use.
const TEMPLATE_DATABASE = 'kosino_test_template';
const SERVER_URL_VARIABLE = 'KOSINO_TEST_SERVER_URL';

export default async function globalSetup() {
  const server = await startServer();
  await createTemplate(server.serverUrl);
  process.env[SERVER_URL_VARIABLE] = server.serverUrl;
  globalThis.__kosinoTestServer = server;
}

async function startServer() {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return { serverUrl: withDatabase(configured, 'postgres') };
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-test-'));
  // Run as root, PostgreSQL runs as the user postgres, who must be able to enter the folder.
  await fs.chmod(scratch, 0o755);
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(scratch, 'pg'),
    port: await freePort(),
    database: 'postgres',
    log: () => undefined,
    notice: () => undefined,
  });
  return { serverUrl: embedded.url, embedded, scratch };
}

async function createTemplate(serverUrl) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  const dataSource = buildDataSource({ url: withDatabase(serverUrl, TEMPLATE_DATABASE), poolSize: 2 });
  await dataSource.initialize();
  try {
    await prepareDatabase(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
