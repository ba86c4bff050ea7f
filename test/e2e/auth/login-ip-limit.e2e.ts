import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, TEST_PASSWORD } from '../../helpers/users.js';

// An app of its own: AdminJS's TypeORM entities bind to one data source per process (per test file).
describe('login limit per IP address', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_MAX_FAILURES_PER_IP: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' });
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('locks out an address that failed on several accounts, even for a right password', async () => {
    const user = await createUser(testApp.app, 'manager');
    const server = testApp.app.getHttpServer();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(server)
        .post('/admin/login')
        .set('Origin', testApp.baseUrl)
        .type('form')
        .send({ email: `someone${attempt}@kosino.test`, password: 'wrong-password' });
    }
    const response = await request(server)
      .post('/admin/login')
      .set('Origin', testApp.baseUrl)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(response.text).toContain('"errorMessage":"loginLocked"');
    const [attempts] = (await testApp.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT succeeded)::int AS failed, count(*) FILTER (WHERE succeeded)::int AS ok
       FROM login_attempt`,
    )) as { failed: number; ok: number }[];
    expect(attempts).toEqual({ failed: 4, ok: 0 });
  });
});
