import { promises as fs } from 'node:fs';

export default async function globalTeardown() {
  const server = globalThis.__kosinoTestServer;
  globalThis.__kosinoTestServer = undefined;
  await server?.embedded?.stop();
  if (server?.embedded) await fs.rm(server.embedded.dataDir, { recursive: true, force: true });
  if (server?.scratch) await fs.rm(server.scratch, { recursive: true, force: true });
}
