import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, TEST_PASSWORD } from '../../helpers/users.js';

// Behind a proxy (TRUST_PROXY=true) the client's address is the last X-Forwarded-For entry, so
// one test process can log in from as many addresses as it likes. Documentation ranges only.
const ATTACKER = '203.0.113.66';
const WORKSTATION = '198.51.100.7';

describe('login lock per account and address', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
      LOGIN_MAX_FAILURES_PER_IP: '8',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_IPS: '12',
    });
  });
  afterAll(async () => {
    await testApp.close();
  });

  const attempt = (email: string, password: string, ip: string) =>
    request(testApp.app.getHttpServer())
      .post('/admin/login')
      .type('form')
      // The proxy's HTTPS, as the browser would see it (a plain-HTTP login is refused behind it).
      .set('X-Forwarded-Proto', 'https')
      .set('Origin', testApp.baseUrl.replace('http:', 'https:'))
      .set('X-Forwarded-For', ip)
      .send({ email, password });
  const expectLoggedIn = (response: request.Response) => {
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin');
  };
  const expectLocked = (response: request.Response) => {
    // AdminJS answers a refusal it got as an error (the lock) with 400 and the login page.
    expect(response.status).toBe(400);
    expect(response.text).toContain('"errorMessage":"loginLocked"');
  };

  it('locks an address that failed six times out of the account, and only that address', async () => {
    const admin = await createUser(testApp.app, 'admin');
    for (let index = 0; index < 6; index += 1) await attempt(admin.email, `guess-${index}-xxxx`, ATTACKER);
    // No oracle: the right password from the locked address gets the same refusal.
    expectLocked(await attempt(admin.email, TEST_PASSWORD, ATTACKER));
    // The administrator, from anywhere else, logs in at once — even from an address never seen.
    expectLoggedIn(await attempt(admin.email, TEST_PASSWORD, WORKSTATION));
    expectLoggedIn(await attempt(admin.email, TEST_PASSWORD, '192.0.2.10'));
    const attempts = (await testApp.dataSource.query(
      `SELECT ip, succeeded, locked FROM login_attempt WHERE email = $1 ORDER BY id`,
      [admin.email],
    )) as { ip: string; succeeded: boolean; locked: boolean }[];
    expect(attempts.filter((row) => row.ip === ATTACKER && !row.locked)).toHaveLength(5);
    expect(attempts.filter((row) => row.ip === ATTACKER && row.locked)).toHaveLength(2);
    expect(attempts.filter((row) => row.succeeded).map((row) => row.ip)).toEqual([WORKSTATION, '192.0.2.10']);
  });

  it('locks the account for new addresses after failures from many, but not for an address it logged in from', async () => {
    const admin = await createUser(testApp.app, 'admin');
    const lateWorkstation = '198.51.100.8';
    expectLoggedIn(await attempt(admin.email, TEST_PASSWORD, WORKSTATION));
    expectLoggedIn(await attempt(admin.email, TEST_PASSWORD, lateWorkstation));
    // Three addresses × four guesses: each stays under its own limit of 5, together they reach 12.
    for (let bot = 1; bot <= 3; bot += 1)
      for (let index = 0; index < 4; index += 1)
        await attempt(admin.email, `guess-${bot}-${index}-xx`, `203.0.113.${bot}`);
    expectLocked(await attempt(admin.email, TEST_PASSWORD, '192.0.2.20'));
    expectLocked(await attempt(admin.email, TEST_PASSWORD, '203.0.113.4'));
    expectLoggedIn(await attempt(admin.email, TEST_PASSWORD, WORKSTATION));
    // A login older than LOGIN_KNOWN_IP_DAYS (30 by default) no longer makes the address known.
    await testApp.dataSource.query(
      `UPDATE login_attempt SET attempted_at = now() - interval '31 days' WHERE email = $1 AND ip = $2`,
      [admin.email, lateWorkstation],
    );
    expectLocked(await attempt(admin.email, TEST_PASSWORD, lateWorkstation));
  });

  it('stops at the limit for all addresses when guesses from many arrive in parallel', async () => {
    const user = await createUser(testApp.app, 'manager');
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        attempt(user.email, `guess-${index}-xxxx`, `203.0.113.${100 + index}`),
      ),
    );
    const rows = (await testApp.dataSource.query(
      `SELECT locked, count(*)::int AS count FROM login_attempt WHERE email = $1 GROUP BY locked ORDER BY locked`,
      [user.email],
    )) as { locked: boolean; count: number }[];
    expect(rows).toEqual([
      { locked: false, count: 12 },
      { locked: true, count: 8 },
    ]);
  });

  it('keeps the limit per address, even for an address the account logged in from', async () => {
    const user = await createUser(testApp.app, 'manager');
    const shared = '198.51.100.30';
    expectLoggedIn(await attempt(user.email, TEST_PASSWORD, shared));
    // Eight failures from this address on other accounts (none reaching its per-account limit).
    for (let index = 0; index < 8; index += 1)
      await attempt(`someone-${index % 4}@kosino.test`, 'wrong-password', shared);
    expectLocked(await attempt(user.email, TEST_PASSWORD, shared));
    expectLoggedIn(await attempt(user.email, TEST_PASSWORD, WORKSTATION));
  });
});
