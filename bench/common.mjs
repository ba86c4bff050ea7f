// What the benchmark scripts share.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A TCP port nothing listens on now. */
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The database a benchmark writes into: BENCH_DATABASE_URL when set (a scratch database), otherwise
 * a throw-away embedded PostgreSQL in a temporary folder. `stop()` removes what it started.
 */
export async function scratchDatabase(name) {
  const { startEmbeddedPostgres } = await import('../dist/src/database/embedded-postgres.js');
  const scratch = await mkdtemp(path.join(os.tmpdir(), `kosino-crm-bench-${name}-`));
  await chmod(scratch, 0o755); // as root, PostgreSQL runs as the user postgres
  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(scratch, 'pg'),
        port: await freePort(),
        database: 'kosino_bench',
        log: () => undefined,
        notice: () => undefined,
      });
  return {
    url: process.env.BENCH_DATABASE_URL ?? embedded.url,
    /** A temporary folder of the benchmark's own (removed by stop). */
    folder: scratch,
    stop: async () => {
      await embedded?.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
