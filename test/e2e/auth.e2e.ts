import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { logIn } from '../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, TEST_PASSWORD } from '../helpers/users.js';

const sessionCookie = (response: request.Response) =>
  ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((cookie) => cookie.startsWith('kosino.sid='));

describe('back-office login and sessions', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '50' });
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('sends a visitor without a session to the login page', async () => {
    const server = testApp.app.getHttpServer();
    for (const path of [
      '/admin',
      '/admin/resources/Department',
      '/admin/api/resources/Department/actions/list',
    ]) {
      const response = await request(server).get(path);
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('/admin/login');
    }
  });

  it('shows the login page in Russian with no request to Google Fonts', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/admin/login');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang=ru>');
    expect(response.text).toContain('"loginButton":"Войти"');
    expect(response.text).toContain('"email":"Эл. почта","password":"Пароль"');
    expect(response.text).not.toContain('fonts.googleapis.com');
    expect(response.text).toContain('/admin/static/fonts.css');
    const fonts = await request(testApp.app.getHttpServer()).get('/admin/static/fonts.css');
    expect(fonts.status).toBe(200);
    expect(fonts.text).toContain('roboto-cyrillic-400-normal.woff2');
  });

  it('refuses a wrong password with a Russian message and creates no session', async () => {
    const user = await createUser(testApp.app, 'manager');
    const response = await request(testApp.app.getHttpServer())
      .post('/admin/login')
      .set('Origin', testApp.baseUrl)
      .type('form')
      .send({ email: user.email, password: 'wrong-password-123' });
    expect(response.status).toBe(200);
    // The page renders this message key from the Russian locale (the browser test reads the text).
    expect(response.text).toContain('"errorMessage":"invalidCredentials"');
    expect(response.text).toContain('"invalidCredentials":"Неверная эл. почта или пароль"');
    expect(sessionCookie(response)).toBeUndefined();
  });

  it('logs in with a new session id and a protected cookie', async () => {
    const user = await createUser(testApp.app, 'admin');
    const agent = request.agent(testApp.app.getHttpServer());
    const first = await agent
      .post('/admin/login')
      .set('Origin', testApp.baseUrl)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    const firstCookie = sessionCookie(first)!.split(';')[0];

    // Logging in again while holding a session must not keep that session's id (session fixation).
    const login = await agent
      .post('/admin/login')
      .set('Origin', testApp.baseUrl)
      .type('form')
      .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(login.status).toBe(302);
    const loggedInCookie = sessionCookie(login)!;
    expect(loggedInCookie.split(';')[0]).not.toBe(firstCookie);
    const replay = await request(testApp.app.getHttpServer()).get('/admin').set('Cookie', firstCookie);
    expect(replay.status).toBe(302);
    expect(loggedInCookie).toMatch(/HttpOnly/);
    expect(loggedInCookie).toMatch(/SameSite=Strict/);
    expect(loggedInCookie).toMatch(/Expires=/);

    const page = await agent.get('/admin');
    expect(page.status).toBe(200);
    const [stored] = (await testApp.dataSource.query(`SELECT count(*)::int AS count FROM session`)) as {
      count: number;
    }[];
    expect(stored.count).toBeGreaterThan(0);
    const [attempt] = (await testApp.dataSource.query(
      `SELECT succeeded, ip FROM login_attempt WHERE email = $1 ORDER BY id DESC LIMIT 1`,
      [user.email],
    )) as { succeeded: boolean; ip: string }[];
    expect(attempt.succeeded).toBe(true);
    expect(attempt.ip).toMatch(/127\.0\.0\.1/);
  });

  it('locks the address out of an account after repeated failures, even for the right password', async () => {
    const user = await createUser(testApp.app, 'manager');
    const server = testApp.app.getHttpServer();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(server)
        .post('/admin/login')
        .set('Origin', testApp.baseUrl)
        .type('form')
        .send({ email: user.email, password: 'nope-nope-nope' });
    }
    const response = await request(server)
      .post('/admin/login')
      .set('Origin', testApp.baseUrl)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(response.text).toContain('"errorMessage":"loginLocked"');
    expect(response.text).toContain('"loginLocked":"Слишком много неудачных попыток входа.');
    expect(sessionCookie(response)).toBeUndefined();
  });

  it('checks no more passwords than the limit when guesses arrive in parallel', async () => {
    const user = await createUser(testApp.app, 'manager');
    const server = testApp.app.getHttpServer();
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        request(server)
          .post('/admin/login')
          .set('Origin', testApp.baseUrl)
          .type('form')
          .send({ email: user.email, password: `guess-${index}-xxxx` }),
      ),
    );
    const rows = (await testApp.dataSource.query(
      `SELECT locked, count(*)::int AS count FROM login_attempt WHERE email = $1 GROUP BY locked ORDER BY locked`,
      [user.email],
    )) as { locked: boolean; count: number }[];
    expect(rows).toEqual([
      { locked: false, count: 3 },
      { locked: true, count: 7 },
    ]);
  });

  it('ends the session at logout', async () => {
    const user = await createUser(testApp.app, 'manager');
    const agent = await logIn(testApp, user.email);
    expect((await agent.get('/admin')).status).toBe(200);
    await agent.get('/admin/logout');
    const after = await agent.get('/admin');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
  });

  it('ends the sessions of a user who is deactivated', async () => {
    const user = await createUser(testApp.app, 'manager');
    const agent = await logIn(testApp, user.email);
    expect((await agent.get('/admin')).status).toBe(200);
    await testApp.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    const after = await agent.get('/admin');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
  });

  it('ends a session the absolute timeout after login, however active', async () => {
    const user = await createUser(testApp.app, 'manager');
    const agent = await logIn(testApp, user.email);
    expect((await agent.get('/admin')).status).toBe(200);
    const thirteenHoursAgo = Date.now() - 13 * 3_600_000;
    await testApp.dataSource.query(
      `UPDATE session SET sess = jsonb_set(sess::jsonb, '{loginAt}', to_jsonb($1::bigint))::json
       WHERE (sess -> 'adminUser' ->> 'id') = $2`,
      [thirteenHoursAgo, String(user.id)],
    );
    const after = await agent.get('/admin');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
  });

  it('ends a session after the idle timeout', async () => {
    const user = await createUser(testApp.app, 'manager');
    const agent = await logIn(testApp, user.email);
    expect((await agent.get('/admin')).status).toBe(200);
    // What the store does when SESSION_IDLE_MINUTES pass without a request: the session expires.
    await testApp.dataSource.query(
      `UPDATE session SET expire = now() - interval '1 minute' WHERE (sess -> 'adminUser' ->> 'id') = $1`,
      [String(user.id)],
    );
    const after = await agent.get('/admin');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
  });

  it('renews an active session in the store at most once a minute, not on every request', async () => {
    const user = await createUser(testApp.app, 'manager');
    const agent = await logIn(testApp, user.email);
    const expiry = async () =>
      (
        (await testApp.dataSource.query(
          `SELECT expire FROM session WHERE (sess -> 'adminUser' ->> 'id') = $1`,
          [String(user.id)],
        )) as { expire: Date }[]
      )[0].expire.getTime();
    expect((await agent.get('/admin')).status).toBe(200);
    const first = await expiry();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (let index = 0; index < 3; index += 1) expect((await agent.get('/admin')).status).toBe(200);
    expect(await expiry()).toBe(first);
  });

  it('answers an unknown address with a Russian 404', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/no-such-page');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'request.not_found', message: 'Не найдено' });
  });

  it('refuses a deactivated user at login', async () => {
    const user = await createUser(testApp.app, 'manager', { active: false });
    const response = await request(testApp.app.getHttpServer())
      .post('/admin/login')
      .set('Origin', testApp.baseUrl)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(response.text).toContain('"errorMessage":"invalidCredentials"');
  });
});
