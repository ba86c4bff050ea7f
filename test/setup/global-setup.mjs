// The integration and e2e tiers' global setup (jest runs it only when a test of theirs is selected,
// so the unit tier needs neither a build nor a database): builds dist/ when the sources are newer
// (the boot test starts dist/, the browser tests load the components bundle), makes sure Chromium
// and the PDF and PostgreSQL client tools are there, starts (or finds) the test PostgreSQL server
// and builds the migrated, seeded template database once per run. Plain JavaScript over the build in
// dist/, because jest loads global setup outside its ESM module system.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { isBuildStale } from '../../scripts/build-freshness.mjs';
import { ensureTestTools } from '../../scripts/ensure-test-tools.mjs';

// The same names as in test/setup/test-server.ts, which the test workers use.
const TEMPLATE_DATABASE = 'kosino_test_template';
const SERVER_URL_VARIABLE = 'KOSINO_TEST_SERVER_URL';
// Another program may take the free port we found before PostgreSQL binds it (two runs of the
// suite on one machine): then start again on another port.
const START_ATTEMPTS = 3;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup() {
  buildIfStale();
  ensureTestTools();
  const server = await startServer();
  await createTemplate(server.serverUrl);
  process.env[SERVER_URL_VARIABLE] = server.serverUrl;
  globalThis.__kosinoTestServer = server;
}

function buildIfStale() {
  if (!isBuildStale(root)) return;
  // Without the test run's NODE_OPTIONS (jest's --experimental-vm-modules): a plain `npm run build`.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status})`);
}

async function startServer() {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return { serverUrl: withDatabase(configured, 'postgres') };
  // Imported here: dist/ may have just been built.
  const { startEmbeddedPostgres, EmbeddedPortTakenError } =
    await import('../../dist/src/operations/embedded-postgres/embedded-postgres.js');
  for (let attempt = 1; ; attempt += 1) {
    // A private data folder and a free port: runs of the suite side by side never share a server.
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-test-'));
    // Run as root, PostgreSQL runs as the user postgres, who must be able to enter the folder.
    await fs.chmod(scratch, 0o755);
    try {
      const embedded = await startEmbeddedPostgres({
        dataDir: path.join(scratch, 'pg'),
        port: await freePort(),
        database: 'postgres',
        log: () => undefined,
        notice: () => undefined,
      });
      return { serverUrl: embedded.url, embedded, scratch };
    } catch (error) {
      await fs.rm(scratch, { recursive: true, force: true });
      if (!(error instanceof EmbeddedPortTakenError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

async function createTemplate(serverUrl) {
  const { buildDataSource } = await import('../../dist/src/database/data-source.js');
  const { prepareDatabase } = await import('../../dist/src/operations/prepare-database.js');
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
