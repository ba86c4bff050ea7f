import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import {
  reachRunningDatabase,
  readRunningDatabase,
  recordRunningDatabase,
  runningDatabaseFile,
} from './running-database.js';

/** A loopback port nothing listens on now. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the record of the running app’s database', () => {
  let folder: string;
  let file: string;
  let passwordFile: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-record-'));
    file = runningDatabaseFile(folder);
    passwordFile = path.join(folder, 'pg.password');
    await fs.writeFile(passwordFile, 'secret\n');
  });
  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  const record = async (pid: number, dataDir: string) =>
    recordRunningDatabase(file, {
      pid,
      port: await closedPort(),
      dataDir,
      passwordFile,
      database: 'kosino_crm',
    });

  it('is kept in var/ of the working folder and names no password', async () => {
    await record(process.pid, path.join(folder, 'pg'));
    expect(file).toBe(path.join(folder, 'var', 'running-database.json'));
    const text = await fs.readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      pid: process.pid,
      dataDir: path.join(folder, 'pg'),
      passwordFile,
    });
    expect(text).not.toContain('secret');
  });

  it('counts for nothing when its server does not answer', async () => {
    await record(process.pid, path.join(folder, 'pg'));
    expect(await reachRunningDatabase(file)).toBeUndefined();
  });

  it('is marked stopped when the app stops, and no longer leads anywhere', async () => {
    const written = await record(process.pid, path.join(folder, 'pg'));
    await written!.markStopped();
    expect((await readRunningDatabase(file))?.stoppedAt).toEqual(expect.any(String));
    expect(await reachRunningDatabase(file)).toBeUndefined();
  });

  it('stays another running app’s when a second app starts in the same folder, until that one is gone', async () => {
    // The jest worker's parent: alive, and not this process.
    await record(process.ppid, path.join(folder, 'first'));
    expect(await record(process.pid, path.join(folder, 'second'))).toBeUndefined();
    expect((await readRunningDatabase(file))?.dataDir).toBe(path.join(folder, 'first'));

    // A process id no process has.
    await fs.writeFile(file, JSON.stringify({ ...(await readRunningDatabase(file)), pid: 2 ** 22 + 4321 }));
    expect(await record(process.pid, path.join(folder, 'second'))).toBeDefined();
    expect((await readRunningDatabase(file))?.dataDir).toBe(path.join(folder, 'second'));
  });
});
