import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// An app of its own, with a low limit: 3 submissions and 30 autosaved drafts a minute per address.
describe('per-IP limit of the public intake', () => {
  let testApp: TestApp;
  let objectTypeId: number;
  const tooMany = 'Слишком много заявок с вашего адреса — повторите через минуту';
  const leads = async () =>
    (
      (await testApp.dataSource.query(`SELECT count(*)::int AS count FROM lead`)) as {
        count: number;
      }[]
    )[0].count;

  beforeAll(async () => {
    testApp = await startTestApp({ LEAD_INTAKE_PER_MINUTE: '3' });
    [{ id: objectTypeId }] = (await testApp.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'Аптека'`,
    )) as { id: number }[];
  });
  afterAll(async () => {
    await testApp.close();
  });

  const server = () => testApp.app.getHttpServer();
  const submission = { name: 'Ольга', phone: '+74951112233', consent: true };

  it('answers 429 in Russian past the limit of submissions, for the API and the plain form together', async () => {
    const before = await leads();
    for (let index = 0; index < 2; index += 1) {
      expect(
        (
          await request(server())
            .post('/api/leads')
            .send({ ...submission, objectTypeId })
        ).status,
      ).toBe(201);
    }
    const form = () =>
      request(server())
        .post('/form')
        .type('form')
        .send({ name: 'Ольга', phone: '+74951112233', objectTypeId: String(objectTypeId), consent: 'on' });
    expect((await form()).status).toBe(303);
    const refused = await request(server())
      .post('/api/leads')
      .send({ ...submission, objectTypeId });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 'request.rate_limited', message: tooMany });
    const refusedForm = await form();
    expect(refusedForm.status).toBe(429);
    expect(refusedForm.type).toBe('text/html');
    expect(refusedForm.text).toContain(tooMany);
    expect(await leads()).toBe(before + 3);
  });

  it('lets a visitor autosave drafts ten times as often, then refuses those too', async () => {
    const before = await leads();
    const draft = () => request(server()).post('/api/leads').send({ company: 'Черновик', draft: true });
    for (let index = 0; index < 30; index += 1) expect((await draft()).status).toBe(201);
    const refused = await draft();
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 'request.rate_limited', message: tooMany });
    expect(await leads()).toBe(before + 30);
  });
});
