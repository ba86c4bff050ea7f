import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { embeddedPostgresMajorVersion } from './embedded-postgres-package.js';
import { portOfRunningServer, refuseOtherMajorVersion, startEmbeddedPostgres } from './embedded-postgres.js';

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

describe('a data folder made by another PostgreSQL major version', () => {
  let parent: string;
  let dataDir: string;
  beforeEach(async () => {
    parent = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-pgversion-'));
    await fs.chmod(parent, 0o755); // as root, the folder must be one the user postgres could enter
    dataDir = path.join(parent, 'pg');
    await fs.mkdir(dataDir);
  });
  afterEach(async () => {
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('stops the boot with a Russian message naming the folder, both versions and what to do', async () => {
    await fs.writeFile(path.join(dataDir, 'PG_VERSION'), '18\n');
    const starting = startEmbeddedPostgres({
      dataDir,
      port: 1, // never reached: the check comes before the port and the server
      database: 'kosino_crm',
      log: () => undefined,
      notice: () => undefined,
    });
    const major = await embeddedPostgresMajorVersion();
    await expect(starting).rejects.toThrow(
      `Папка данных встроенного PostgreSQL ${dataDir} создана PostgreSQL 18, а приложение запускает PostgreSQL ${major}`,
    );
    await expect(starting).rejects.toThrow(`удалите папку ${dataDir} и файл ${dataDir}.password`);
    await expect(starting).rejects.toThrow('PG_DATA_DIR');
    // Nothing was written beside the folder (no new password file).
    expect(existsSync(`${dataDir}.password`)).toBe(false);
  });

  it('lets a folder of the same major version, or a new one, through', async () => {
    await expect(refuseOtherMajorVersion(dataDir, 15)).resolves.toBeUndefined();
    await fs.writeFile(path.join(dataDir, 'PG_VERSION'), '15\n');
    await expect(refuseOtherMajorVersion(dataDir, 15)).resolves.toBeUndefined();
    await expect(refuseOtherMajorVersion(dataDir, 16)).rejects.toThrow('создана PostgreSQL 15');
  });

  it('is the version the installed embedded-postgres package ships (the line pg_dump must match)', async () => {
    expect(await embeddedPostgresMajorVersion()).toBe(15);
  });
});
