import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('/api/deals', () => {
  let departmentId: number;
  let testApp: TestApp;
  let clientId: number;
  let serviceTypeId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const manager = await createUser(testApp.app, 'manager', { departmentId });
    clientId = (
      await testApp.app
        .get(ClientService)
        .create({ companyName: 'ООО «API»', source: 'Звонок' }, { id: manager.id, departmentId })
    ).id;
    [{ id: serviceTypeId }] = (await testApp.dataSource.query(
      `SELECT id FROM service_type WHERE kind = '3pl' LIMIT 1`,
    )) as { id: number }[];
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('takes only the back-office session of an administrator or manager, answering in Russian', async () => {
    const anonymous = await request(testApp.app.getHttpServer()).get(`/api/deals?clientId=${clientId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toBe('Требуется вход: войдите в CRM');
    const committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
    const refused = await committee.get(`/api/deals?clientId=${clientId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Недостаточно прав');
  });

  it('creates a deal, refuses bad lines, saves good ones, signs it and shows the summary', async () => {
    const manager = await logIn(testApp, (await createUser(testApp.app, 'manager', { departmentId })).email);
    const created = await manager.post('/api/deals').send({ clientId, kind: 'loi', dealDate: '2026-05-01' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const bad = await manager.put(`/api/deals/${id}/lines`).send({ lines: [{ kind: '3pl', termYears: 0 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('deal.invalid_lines');
    expect(bad.body.fields).toMatchObject({ 'lines.0.termYears': 'Срок — целое число лет, от 1 до 50' });
    const notAList = await manager.put(`/api/deals/${id}/lines`).send({ lines: 'все' });
    expect(notAList.body).toMatchObject({
      code: 'deal.lines_not_list',
      message: 'Ожидается список строк сделки',
    });
    const closedTooEarly = await manager.post(`/api/deals/${id}/close`).send({});
    expect(closedTooEarly.status).toBe(409);
    expect(closedTooEarly.body.code).toBe('deal.not_signed');
    const saved = await manager.put(`/api/deals/${id}/lines`).send({
      lines: [{ kind: '3pl', serviceTypeId, termYears: 2, costPerYear: '1000.10' }],
      expectedVersion: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.total).toBe('2000.20');
    const signed = await manager.post(`/api/deals/${id}/sign`).send({});
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    const signedAgain = await manager.post(`/api/deals/${id}/sign`).send({});
    expect(signedAgain.status).toBe(409);
    expect(signedAgain.body).toEqual({
      code: 'deal.not_draft',
      message: 'Подписать можно только черновик сделки',
      fields: undefined,
      details: undefined,
    });
    const stale = await manager.post(`/api/deals/${id}/cancel`).send({ expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('deal.stale');
    const shown = await manager.get(`/api/deals/${id}`);
    expect(shown.body.lines).toHaveLength(1);
    expect(shown.body.actions).toEqual(['close', 'cancel']);
    expect(shown.body.summary.total.replace(/[\u00a0\u202f]/g, ' ')).toBe('Итого: 2 000,20 ₽, срок 2 года');
    const listed = await manager.get(`/api/deals?clientId=${clientId}`);
    expect(listed.body.map((deal: { id: number }) => deal.id)).toContain(id);
    const malformed = await manager.get('/api/deals/abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('deal.bad_id');
    const missing = await manager.get('/api/deals/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('deal.not_found');
    const noClient = await manager.post('/api/deals').send({ kind: 'loi' });
    expect(noClient.body.code).toBe('deal.invalid_fields');
    expect(Object.keys(noClient.body.fields)).toEqual(['clientId']);
    const docs = await request(testApp.app.getHttpServer()).get('/api/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/deals', '/api/deals/{id}/lines']),
    );
  });
});
