import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request, { type Agent } from 'supertest';

import { ImportWorker } from '../../../src/modules/import/import-worker.js';
import { logIn } from '../../helpers/admin-session.js';
import { asBuffer } from '../../helpers/pdf-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const FIXTURES = path.resolve('test/fixtures/import');
const API = '/admin/api/import';

/**
 * The «Импорт» page's API (src/admin/import-api.ts) as the page calls it: each route, the answers
 * it gives and the refusals — by role (the committee 403, a manager outside their department 403,
 * another user's import 404), and for anything a user can send (a broken body, a huge id, a route
 * that is not there): a 4xx with a Russian message, never a 5xx, nothing changed.
 */
describe('the import API', () => {
  let testApp: TestApp;
  let admin: Agent;
  let manager: Agent;
  let otherManager: Agent;
  let committee: Agent;
  let leads: Buffer;
  let ownDepartment = 0;
  let otherDepartment = 0;

  const jobs = async () =>
    Number(
      ((await testApp.dataSource.query('SELECT count(*)::int AS n FROM import_job')) as { n: number }[])[0].n,
    );
  const upload = (agent: Agent, file = leads, name = 'leads.csv') =>
    agent.post(API).attach('file', file, { filename: name, contentType: 'text/csv' });

  beforeAll(async () => {
    testApp = await startTestApp();
    leads = await readFile(path.join(FIXTURES, 'leads-bitrix24-cp1251.csv'));
    const departments = (await testApp.dataSource.query('SELECT id FROM department ORDER BY id LIMIT 2')) as {
      id: number;
    }[];
    [ownDepartment, otherDepartment] = departments.map(({ id }) => id);
    const people = {
      admin: await createUser(testApp.app, 'admin'),
      manager: await createUser(testApp.app, 'manager', { departmentId: ownDepartment }),
      otherManager: await createUser(testApp.app, 'manager', { departmentId: otherDepartment }),
      committee: await createUser(testApp.app, 'committee', { departmentId: ownDepartment }),
    };
    admin = await logIn(testApp, people.admin.email);
    manager = await logIn(testApp, people.manager.email);
    otherManager = await logIn(testApp, people.otherManager.email);
    committee = await logIn(testApp, people.committee.email);
  }, 120_000);
  afterAll(async () => {
    await testApp?.close();
  });

  it('uploads a Bitrix24 file and shows what was detected, the columns and their mapping', async () => {
    const response = await upload(manager);
    expect(response.status).toBe(201);
    const { job } = response.body as { job: Record<string, unknown> };
    expect(job).toMatchObject({
      fileName: 'leads.csv',
      status: 'uploaded',
      kind: 'lead',
      totalRows: 4,
      detected: { format: 'csv', encoding: 'windows-1251', delimiter: ';' },
    });
    expect(job.detectedText).toMatch(/Windows-1251/);
    expect((job.headers as string[]).slice(0, 2)).toEqual(['ID', 'Название лида']);
    expect((job.mapping as (string | null)[]).slice(0, 2)).toEqual(['bitrixId', 'title']);
  });

  it('lists the user’s own imports, newest first, and shows one by its id', async () => {
    const first = (await upload(manager, leads, 'первый.csv')).body.job as { id: number };
    const second = (await upload(manager, leads, 'второй.csv')).body.job as { id: number };
    const list = await manager.get(API);
    expect(list.status).toBe(200);
    const ids = (list.body.jobs as { id: number }[]).map(({ id }) => id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const one = await manager.get(`${API}/${first.id}`);
    expect({ status: one.status, fileName: one.body.job.fileName }).toEqual({
      status: 200,
      fileName: 'первый.csv',
    });
    // Each user sees only their own.
    const others = await otherManager.get(API);
    expect((others.body.jobs as { id: number }[]).map(({ id }) => id)).not.toContain(first.id);
  });

  it('changes the settings with PATCH, saves the mapping by name and offers it for the kind', async () => {
    const { id, mapping } = (await upload(manager)).body.job as { id: number; mapping: (string | null)[] };
    const changed = [...mapping];
    changed[1] = null;
    const patched = await manager.patch(`${API}/${id}`).send({ mapping: changed, policy: 'fill_empty' });
    expect(patched.status).toBe(200);
    expect(patched.body.job.mapping[1]).toBeNull();
    expect(patched.body.job.policy).toBe('fill_empty');

    const saved = await manager.post(`${API}/${id}/mappings`).send({ name: 'Битрикс24 — лиды' });
    expect(saved.status).toBe(201);
    expect(saved.body.mapping).toMatchObject({ name: 'Битрикс24 — лиды', kind: 'lead' });
    const offered = await manager.get(`${API}/mappings`).query({ kind: 'lead' });
    expect(offered.status).toBe(200);
    expect((offered.body.mappings as { name: string }[]).map(({ name }) => name)).toContain(
      'Битрикс24 — лиды',
    );
    const none = await manager.get(`${API}/mappings`).query({ kind: 'deal' });
    expect(none.body.mappings).toEqual([]);
  });

  it('queues «Проверить» and «Импортировать» and answers at once; a step the status does not allow is refused', async () => {
    const { id } = (await upload(manager)).body.job as { id: number };
    const checked = await manager.post(`${API}/${id}/check`);
    expect(checked.status).toBe(200);
    expect(checked.body.job.status).toBe('checking');
    const undo = await manager.post(`${API}/${id}/undo`);
    expect(undo.status).toBeGreaterThanOrEqual(400);
    expect(undo.status).toBeLessThan(500);
    expect(undo.body).toMatchObject({ code: 'import.wrong_status' });
    expect(undo.body.message).toMatch(/[а-я]/);

    const other = (await upload(manager)).body.job as { id: number };
    const started = await manager.post(`${API}/${other.id}/start`);
    expect(started.status).toBe(200);
    expect(started.body.job.status).toBe('queued');
    const cancelled = await manager.post(`${API}/${other.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.job.status).toBe('cancelled');
  });

  it('answers «Скачать ошибки» of an import without errors with a Russian 404', async () => {
    const { id } = (await upload(manager)).body.job as { id: number };
    const response = await manager.get(`${API}/${id}/errors.xlsx`);
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/[а-я]/);
  });

  it('gives «Скачать ошибки» after «Проверить»: the rows the check refused, with their reason', async () => {
    const companies = [
      'ID;Название компании;Рабочий телефон',
      '701;ООО «Проверка-Первый»;+7 (495) 100-20-71',
      '702;;+7 (495) 100-20-72',
    ].join('\r\n');
    const { id } = (await upload(manager, Buffer.from(companies, 'utf8'), 'компании.csv')).body.job as {
      id: number;
    };
    expect((await manager.post(`${API}/${id}/check`)).status).toBe(200);
    // With whatever earlier tests left waiting: the worker is off in this app.
    await testApp.app.get(ImportWorker).runQueued();
    const view = await manager.get(`${API}/${id}`);
    expect(view.body.job).toMatchObject({ status: 'checked', check: { refused: 1 }, can: { errors: true } });

    const response = await manager.get(`${API}/${id}/errors.xlsx`).buffer(true).parse(asBuffer);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(decodeURIComponent(response.headers['content-disposition'] as string)).toContain(
      'Ошибки проверки — компании.csv',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['ID', 'Название компании', 'Рабочий телефон', 'Причина'],
      // The empty name stays an empty cell.
      ['702', undefined, '+7 (495) 100-20-72', expect.stringMatching(/назван/i)],
    ]);
    const other = await otherManager.get(`${API}/${id}/errors.xlsx`);
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 404,
      code: 'import.not_found',
    });
  });

  it('refuses the committee (403), another user’s import (404) and a manager’s other department (403)', async () => {
    const { id } = (await upload(manager)).body.job as { id: number };
    const before = await jobs();
    for (const response of [
      await committee.get(API),
      await committee.get(`${API}/${id}`),
      await committee.post(`${API}/${id}/check`),
      await committee.get(`${API}/mappings`).query({ kind: 'lead' }),
    ]) {
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 403,
        code: 'import.forbidden',
      });
    }
    // A committee member sends no files at all (body-gate.ts): refused before it is read.
    const committeeUpload = await upload(committee);
    expect({ status: committeeUpload.status, code: committeeUpload.body.code }).toEqual({
      status: 413,
      code: 'request.too_large',
    });
    for (const call of [
      otherManager.get(`${API}/${id}`),
      otherManager.patch(`${API}/${id}`).send({ policy: 'skip' }),
      otherManager.post(`${API}/${id}/check`),
      otherManager.get(`${API}/${id}/errors.xlsx`),
    ]) {
      const response = await call;
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 404,
        code: 'import.not_found',
      });
    }
    const foreign = await manager.patch(`${API}/${id}`).send({ departmentId: otherDepartment });
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({
      status: 403,
      code: 'import.other_department',
    });
    expect(await jobs()).toBe(before);
  });

  it('answers what a user can break — the body, the id, the route, the session — with a Russian 4xx', async () => {
    const { id } = (await upload(admin)).body.job as { id: number };
    const before = await jobs();
    const answers = {
      noFile: await admin.post(API).field('name', 'без файла'),
      twoFiles: await admin
        .post(API)
        .attach('file', leads, { filename: 'a.csv', contentType: 'text/csv' })
        .attach('other', leads, { filename: 'b.csv', contentType: 'text/csv' }),
      brokenMultipart: await admin
        .post(API)
        .set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nнеоконченный'),
      brokenJson: await admin
        .patch(`${API}/${id}`)
        .set('Content-Type', 'application/json')
        .send('{"policy":'),
      wrongShape: await admin.patch(`${API}/${id}`).send({ mapping: 'всё', policy: 'удалить' }),
      unknownKey: await admin.patch(`${API}/${id}`).send({ dropTable: true }),
      plainText: await admin.patch(`${API}/${id}`).set('Content-Type', 'text/plain').send('policy=skip'),
      hugeId: await admin.get(`${API}/99999999999999999999`),
      notAnId: await admin.post(`${API}/abc/check`),
      missing: await admin.get(`${API}/2147483647`),
      noKind: await admin.get(`${API}/mappings`).query({ kind: 'склад' }),
      noName: await admin.post(`${API}/${id}/mappings`).send({ name: '' }),
      unknownRoute: await admin.post(`${API}/${id}/explode`),
      wrongMethod: await admin.delete(`${API}/${id}`),
      notAFile: await upload(admin, Buffer.from('%PDF-1.4\n'), 'отчёт.pdf'),
    };
    const anonymous = {
      list: await request(testApp.app.getHttpServer()).get(API),
      upload: await request(testApp.app.getHttpServer())
        .post(API)
        .set('Origin', testApp.baseUrl)
        .attach('file', leads, { filename: 'leads.csv', contentType: 'text/csv' }),
    };
    const seen = Object.fromEntries(
      Object.entries({ ...answers, ...anonymous }).map(([name, response]) => [
        name,
        {
          clientError: response.status >= 400 && response.status < 500,
          json: /json/.test(String(response.headers['content-type'])),
          russian: /[а-яё]/i.test(String(response.body?.message ?? '')),
        },
      ]),
    );
    const expected = Object.fromEntries(
      Object.keys(seen).map((name) => [name, { clientError: true, json: true, russian: true }]),
    );
    expect(seen).toEqual(expected);
    expect(answers.hugeId.status).toBe(404);
    expect(anonymous.list.status).toBe(401);
    expect(await jobs()).toBe(before);
    const unchanged = await admin.get(`${API}/${id}`);
    expect(unchanged.body.job.policy).toBe('skip');
  });
});
