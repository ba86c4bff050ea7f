import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { portOfRunningServer } from './embedded-postgres.js';

describe('portOfRunningServer', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-pidfile-'));
  });
  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const writePidFile = (pid: number, port: number) =>
    fs.writeFile(
      path.join(dataDir, 'postmaster.pid'),
      `${pid}\n${dataDir}\n1700000000\n${port}\n\n127.0.0.1\n`,
    );

  it('finds nothing without a postmaster.pid', async () => {
    expect(await portOfRunningServer(dataDir)).toBeUndefined();
  });

  it('ignores a pid file whose process is gone', async () => {
    await writePidFile(2 ** 22 + 12345, 54329);
    expect(await portOfRunningServer(dataDir)).toBeUndefined();
  });

  it('removes a stale pid file whose PID now belongs to another program', async () => {
    await writePidFile(process.pid, 54329); // this test's own process: alive, but not postgres
    expect(await portOfRunningServer(dataDir)).toBeUndefined();
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
