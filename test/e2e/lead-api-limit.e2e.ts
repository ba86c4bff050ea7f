import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { startTestApp, type TestApp } from '../helpers/test-app.js';

// An app of its own, with a low limit.
describe('POST /api/leads per-IP limit', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LEAD_INTAKE_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('answers 429 in Russian past the limit and writes nothing for the refused request', async () => {
    const post = () =>
      request(testApp.app.getHttpServer()).post('/api/leads').send({ company: 'Черновик', draft: true });
    for (let index = 0; index < 3; index += 1) expect((await post()).status).toBe(201);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      message: 'Слишком много заявок с вашего адреса — повторите через минуту',
    });
    const [{ count }] = (await testApp.dataSource.query(`SELECT count(*)::int AS count FROM lead`)) as {
      count: number;
    }[];
    expect(count).toBe(3);
  });
});
