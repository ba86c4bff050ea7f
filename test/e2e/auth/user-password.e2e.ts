import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { runBuilt } from '../../helpers/app-process.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, TEST_PASSWORD } from '../../helpers/users.js';

// Behind a proxy (TRUST_PROXY=true) the client's address is the last X-Forwarded-For entry: one
// test process logs in from as many addresses as it likes. Documentation ranges only.
const ATTACKER = '203.0.113.66';
const WORKSTATION = '198.51.100.7';
const NEVER_SEEN = '192.0.2.44';

/** `npm run user:password` as a process, on the test app's database. */
describe('npm run user:password', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_IPS: '8',
      LOGIN_MAX_FAILURES_PER_IP: '100',
    });
  });
  afterAll(async () => {
    await testApp.close();
  });

  const setPassword = async (...args: string[]) => {
    const script = runBuilt('dist/src/operations/cli/user-password.cli.js', args, {
      DATABASE_URL: testApp.database.url,
      LOG_LEVEL: 'warn',
    });
    return { code: await script.exited, output: script.output() };
  };
  const printedPassword = (output: string) =>
    /Новый пароль \(показан один раз, сохраните его\): (\S+)/.exec(output)?.[1] ?? '';

  // The login form, through the proxy's HTTPS as the browser would see it.
  const logIn = (email: string, password: string, ip: string) =>
    request(testApp.app.getHttpServer())
      .post('/admin/login')
      .type('form')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', ip)
      .set('Origin', testApp.baseUrl.replace('http:', 'https:'))
      .send({ email, password });
  const openBackOffice = (cookie: string) =>
    request(testApp.app.getHttpServer())
      .get('/admin')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', WORKSTATION)
      .set('Cookie', cookie);
  const sessionCookie = (response: request.Response) =>
    ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .map((value) => value.split(';')[0])
      .join('; ');
  const expectLoggedIn = (response: request.Response) => {
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin');
  };
  const expectLocked = (response: request.Response) => {
    expect(response.status).toBe(400);
    expect(response.text).toContain('"errorMessage":"loginLocked"');
  };

  it('sets a generated password that logs in, ends the old sessions and is audited as «Система»', async () => {
    const admin = await createUser(testApp.app, 'admin');
    const before = await logIn(admin.email, TEST_PASSWORD, WORKSTATION);
    expectLoggedIn(before);
    const oldCookie = sessionCookie(before);
    expect((await openBackOffice(oldCookie)).status).toBe(200);

    const { code, output } = await setPassword(admin.email.toUpperCase());

    expect(code).toBe(0);
    expect(output).toContain(`Пароль пользователя ${admin.email} (Администратор) изменён.`);
    expect(output).toContain('Завершено открытых сеансов: 1 — войти нужно заново.');
    const password = printedPassword(output);
    expect(password).toMatch(/^[\w-]{24}$/);
    // The old session no longer opens the back-office: it is sent to the login page.
    const afterReset = await openBackOffice(oldCookie);
    expect(afterReset.status).toBe(302);
    expect(afterReset.headers.location).toContain('/admin/login');
    expect((await logIn(admin.email, TEST_PASSWORD, WORKSTATION)).text).toContain('invalidCredentials');
    expectLoggedIn(await logIn(admin.email, password, WORKSTATION));
    const [audited] = (await testApp.dataSource.query(
      `SELECT user_id, user_label, new_values ->> 'password_hash' AS hash FROM audit_log
       WHERE table_name = 'app_user' AND record_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`,
      [String(admin.id)],
    )) as object[];
    // No person did it: the audit log's «Кто» shows «Система» for an empty user.
    expect(audited).toEqual({ user_id: null, user_label: null, hash: '•••' });
  });

  it('unlocks an account locked by failures, for the locked address and every other one', async () => {
    const manager = await createUser(testApp.app, 'manager');
    // Three failures lock the attacker's address out of the account; five more from elsewhere
    // (eight in all) lock the account for every address it never logged in from.
    for (let index = 0; index < 3; index += 1) await logIn(manager.email, `guess-${index}-xxxxx`, ATTACKER);
    for (let index = 0; index < 5; index += 1) {
      await logIn(manager.email, `guess-${index}-yyyyy`, `203.0.113.${10 + index}`);
    }
    expectLocked(await logIn(manager.email, TEST_PASSWORD, ATTACKER));
    expectLocked(await logIn(manager.email, TEST_PASSWORD, NEVER_SEEN));

    const { code, output } = await setPassword(manager.email);

    expect(code).toBe(0);
    expect(output).toContain('Неудачные попытки входа (8) больше не учитываются: блокировка снята.');
    const password = printedPassword(output);
    expectLoggedIn(await logIn(manager.email, password, ATTACKER));
    expectLoggedIn(await logIn(manager.email, password, NEVER_SEEN));
    // The failures stay in the security log, marked as no longer counted.
    const [failures] = (await testApp.dataSource.query(
      `SELECT count(*)::int AS all, count(cleared_at)::int AS cleared FROM login_attempt
       WHERE email = $1 AND NOT succeeded AND NOT locked`,
      [manager.email],
    )) as object[];
    expect(failures).toEqual({ all: 8, cleared: 8 });
  });

  it('refuses an unknown e-mail in Russian with exit code 1 and changes nothing', async () => {
    const snapshot = () =>
      testApp.dataSource.query(
        `SELECT (SELECT string_agg(email || password_hash || active || updated_at, ',' ORDER BY id) FROM app_user) AS users,
                (SELECT count(*)::int FROM audit_log) AS audit,
                (SELECT count(*)::int FROM session) AS sessions,
                (SELECT count(cleared_at)::int FROM login_attempt) AS cleared`,
      );
    const before = await snapshot();

    const { code, output } = await setPassword('nobody@kosino.test');

    expect(code).toBe(1);
    expect(output).toContain('Пользователя с эл. почтой nobody@kosino.test нет. Ничего не изменено.');
    expect(output).not.toContain('Новый пароль');
    expect(await snapshot()).toEqual(before);
  });

  it('leaves an inactive account inactive and says so, unless --activate is given', async () => {
    const former = await createUser(testApp.app, 'manager', { active: false });

    const kept = await setPassword(former.email);
    expect(kept.code).toBe(0);
    expect(kept.output).toContain('Учётная запись отключена: войти нельзя');
    expect(kept.output).toContain(`npm run user:password -- ${former.email} --activate`);
    expect((await logIn(former.email, printedPassword(kept.output), WORKSTATION)).status).not.toBe(302);

    const activated = await setPassword(former.email, '--activate');
    expect(activated.code).toBe(0);
    expect(activated.output).toContain('Учётная запись включена («Активен»).');
    expectLoggedIn(await logIn(former.email, printedPassword(activated.output), WORKSTATION));
  });
});
