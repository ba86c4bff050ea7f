import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ImportWorker } from '../../../src/modules/import/import-worker.js';
import { ImportService } from '../../../src/modules/import/import.service.js';
import { startServices, type TestServices } from '../../helpers/test-services.js';
import { createUser } from '../../helpers/users.js';

const FIXTURES = path.resolve('test/fixtures/import');

// The run with the real writers per kind (ImportLinesService): Bitrix24's files into leads and clients.
describe('import run with the real writers', () => {
  let services: TestServices;
  let imports: ImportService;
  let worker: ImportWorker;
  let temporary: string;
  let admin: { id: number };
  let departmentId: number;

  beforeAll(async () => {
    services = await startServices();
    imports = services.app.get(ImportService);
    worker = services.app.get(ImportWorker);
    temporary = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-import-test-'));
    admin = await createUser(services.app, 'admin');
    [{ departmentId }] = await services.dataSource.query<{ departmentId: number }[]>(
      'SELECT department_id AS "departmentId" FROM object_type ORDER BY id LIMIT 1',
    );
  });
  afterAll(async () => {
    await services?.close();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  });

  const counts = async () =>
    services.dataSource.query<{ leads: number; clients: number; deals: number }[]>(
      `SELECT (SELECT count(*)::int FROM lead) AS leads, (SELECT count(*)::int FROM client) AS clients,
         (SELECT count(*)::int FROM deal) AS deals`,
    );
  const upload = async (fixture: string, name: string) => {
    const file = path.join(temporary, `${Math.random().toString(36).slice(2)}-${fixture}`);
    await copyFile(path.join(FIXTURES, fixture), file);
    const job = await imports.upload(admin, { path: file, name, size: 0 });
    return imports.configure(admin, job.id, { departmentId });
  };
  const run = async (jobId: number, step: 'check' | 'start') => {
    await imports[step](admin, jobId);
    expect(await worker.runNext()).toBe(true);
    return imports.view(admin, jobId);
  };

  it.each([
    ['leads-bitrix24-cp1251.csv', 'lead'],
    ['companies-bitrix24-utf8-bom.csv', 'company'],
  ])(
    'checks %s without writing, imports it, imports it again creating nothing, undoes it',
    async (fixture, kind) => {
      const before = await counts();
      const job = await upload(fixture, fixture);
      expect(job.kind).toBe(kind);

      const checked = await run(job.id, 'check');
      expect(checked.status).toBe('checked');
      expect(checked.check!.created).toBeGreaterThan(0);
      expect(await counts()).toEqual(before);

      const done = await run(job.id, 'start');
      expect(done.status).toBe('done');
      expect(done.result).toMatchObject({ created: checked.check!.created, refused: checked.check!.refused });
      const after = await counts();
      expect(after).not.toEqual(before);

      const again = await run((await upload(fixture, fixture)).id, 'start');
      expect(again.result).toMatchObject({ created: 0, skipped: done.result!.created });
      expect(await counts()).toEqual(after);

      const undone = await imports.undo(admin, done.id);
      expect(undone.undo).toEqual({ removed: done.result!.created, kept: [] });
      expect(await counts()).toEqual(before);
    },
  );
});
