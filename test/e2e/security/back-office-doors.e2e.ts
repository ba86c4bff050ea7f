import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, TEST_PASSWORD } from '../../helpers/users.js';

const MB = 1024 * 1024;

interface RawAnswer {
  status?: number;
  location?: string;
  body: string;
  /** The server closed the connection before the whole body was sent (it refused to read it). */
  cut: boolean;
}

/**
 * Streams a multipart body of `fileBytes` bytes (one file part) to the app the way curl -F does,
 * without waiting for the server to read it; resolves with whatever the server answered.
 */
function streamUpload(
  baseUrl: string,
  urlPath: string,
  fileBytes: number,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const boundary = '----kosino-probe';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let answer: RawAnswer = { body: '', cut: false };
    const req = http.request({
      hostname,
      port,
      path: urlPath,
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + fileBytes + tail.length),
        ...headers,
      },
    });
    req.on('response', (response) => {
      answer = { ...answer, status: response.statusCode, location: response.headers.location };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (answer.body += chunk));
      response.on('end', () => resolve(answer));
      response.on('error', () => resolve(answer));
    });
    req.on('error', () => resolve({ ...answer, cut: true }));
    const chunk = Buffer.alloc(MB, 0x41);
    let left = fileBytes;
    const pump = () => {
      while (left > 0) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    req.write(head);
    pump();
  });
}

const filesIn = (folder: string) => readdirSync(folder).filter((name) => !name.startsWith('.'));
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * The back-office's doors as an attacker meets them: bodies before login, uploads per role,
 * requests from other origins (CSRF), content types and bulk actions AdminJS does not expect,
 * leftovers of uploads, the request rate.
 */
describe('the back-office doors', () => {
  let testApp: TestApp;
  let incoming: string;
  let manager: Agent;
  let committee: Agent;
  let clientId: number;
  let dealId: number;
  let typeId: number;

  beforeAll(async () => {
    testApp = await startTestApp({ UPLOAD_MAX_MB: '2', UPLOAD_REQUEST_MAX_MB: '10' });
    incoming = path.join(testApp.config.uploads.directory, '.incoming');
    const [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const managerUser = await createUser(testApp.app, 'manager', { departmentId });
    manager = await logIn(testApp, managerUser.email);
    committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
    const actor = { id: managerUser.id, departmentId };
    clientId = (
      await testApp.app.get(ClientService).create({ companyName: 'ООО «Двери»', source: 'Звонок' }, actor)
    ).id;
    dealId = (
      await testApp.app.get(DealService).create(clientId, { kind: 'contract', dealDate: '2026-05-01' }, actor)
    ).id;
    [{ id: typeId }] = (await testApp.dataSource.query(`SELECT id FROM history_event_type LIMIT 1`)) as {
      id: number;
    }[];
  });
  afterAll(async () => {
    await testApp.close();
  });

  const events = async () =>
    Number(
      (
        (await testApp.dataSource.query(`SELECT count(*) AS n FROM history_event WHERE client_id = $1`, [
          clientId,
        ])) as { n: string }[]
      )[0].n,
    );

  describe('bodies before login', () => {
    it.each([
      ['/admin/api/x'],
      ['/admin/api/resources/HistoryEvent/actions/new'],
      ['/admin/login'],
      ['/admin/resources/Lead'],
    ])('writes nothing to disk for an anonymous 25 MB upload to %s', async (urlPath) => {
      const answer = await streamUpload(testApp.baseUrl, urlPath, 25 * MB, { Origin: testApp.baseUrl });
      await settle();
      expect(filesIn(incoming)).toEqual([]);
      // Refused without reading the body: an answer in Russian, or the connection closed on the sender.
      if (answer.status !== undefined) expect(answer.status).toBeGreaterThanOrEqual(300);
      if (answer.status !== undefined && answer.status !== 302) expect(answer.body).toMatch(/[а-яё]/i);
    });

    it('takes a login only as a small form', async () => {
      const multipart = await request(testApp.app.getHttpServer())
        .post('/admin/login')
        .set('Origin', testApp.baseUrl)
        .field('email', 'x@y.z')
        .attach('f', Buffer.alloc(1000), 'a.bin');
      expect(multipart.status).toBe(415);
      expect(multipart.text).toMatch(/[а-яё]/i);
      const large = await request(testApp.app.getHttpServer())
        .post('/admin/login')
        .set('Origin', testApp.baseUrl)
        .type('form')
        .send({ email: 'x@y.z', password: 'Ж'.repeat(40_000) });
      expect(large.status).toBe(413);
      expect(filesIn(incoming)).toEqual([]);
    });
  });

  describe('uploads per role', () => {
    it('refuses a committee member any file, writing nothing', async () => {
      const answer = await streamUpload(
        testApp.baseUrl,
        '/admin/api/resources/Report/actions/requestReport',
        3 * MB,
        { Origin: testApp.baseUrl, Cookie: cookieOf(committee) },
      );
      await settle();
      expect(answer.cut || answer.status === 413).toBe(true);
      expect(filesIn(incoming)).toEqual([]);
    });

    it('refuses a manager a request over the upload limit before reading it, writing nothing', async () => {
      const answer = await streamUpload(
        testApp.baseUrl,
        '/admin/api/resources/HistoryEvent/actions/new',
        25 * MB,
        { Origin: testApp.baseUrl, Cookie: cookieOf(manager) },
      );
      await settle();
      expect(answer.cut || answer.status === 413).toBe(true);
      if (answer.status) expect(answer.body).toContain('МБ');
      expect(filesIn(incoming)).toEqual([]);
    });

    it('keeps no file of a refused upload', async () => {
      const before = await events();
      // A type the history does not take: the action refuses it after the file has arrived.
      const refused = await manager
        .post('/admin/api/resources/HistoryEvent/actions/new')
        .field('clientId', String(clientId))
        .field('typeId', String(typeId))
        .field('comment', 'Программа')
        .attach('files.0', Buffer.from('MZ'), {
          filename: 'run.exe',
          contentType: 'application/x-msdownload',
        });
      expect(refused.status).toBeLessThan(500);
      // An action a manager may not run at all, with a file.
      const forbidden = await manager
        .post('/admin/api/resources/Department/actions/new')
        .field('name', 'Отдел')
        .attach('files.0', Buffer.alloc(1000), { filename: 'a.pdf', contentType: 'application/pdf' });
      expect(forbidden.status).toBeLessThan(500);
      await settle();
      expect(filesIn(incoming)).toEqual([]);
      expect(await events()).toBe(before);
    });
  });

  describe('requests from another origin (CSRF)', () => {
    const otherOrigin = 'http://127.0.0.1:1';

    it('refuses a back-office action sent from another origin, changing nothing', async () => {
      const before = await events();
      for (const headers of [
        { Origin: otherOrigin },
        { Referer: `${otherOrigin}/page.html` },
        { 'Sec-Fetch-Site': 'same-site' },
        {},
      ]) {
        const response = await manager
          .post('/admin/api/resources/HistoryEvent/actions/new')
          .unset('Origin')
          .set(headers)
          .type('form')
          .send({ clientId: String(clientId), typeId: String(typeId), comment: 'Чужая страница' });
        expect(response.status).toBe(403);
        expect(response.body.message).toMatch(/другого сайта|источник/i);
      }
      expect(await events()).toBe(before);
      const own = await manager
        .post('/admin/api/resources/HistoryEvent/actions/new')
        .type('form')
        .send({ clientId: String(clientId), typeId: String(typeId), comment: 'Своя страница' });
      expect(own.body.notice?.type).toBe('success');
      expect(await events()).toBe(before + 1);
    });

    it('refuses a deal change from another origin and any body but JSON', async () => {
      const status = async () =>
        (
          (await testApp.dataSource.query(`SELECT status FROM deal WHERE id = $1`, [dealId])) as {
            status: string;
          }[]
        )[0].status;
      const crossSite = await manager
        .post(`/api/deals/${dealId}/cancel`)
        .set('Origin', otherOrigin)
        .set('Content-Type', 'application/json')
        .send('{}');
      expect(crossSite.status).toBe(403);
      const form = await manager.post(`/api/deals/${dealId}/cancel`).type('form').send({ x: '1' });
      expect(form.status).toBe(415);
      expect(form.body.message).toMatch(/JSON/);
      const multipart = await manager.post(`/api/deals/${dealId}/cancel`).field('x', '1');
      expect(multipart.status).toBe(415);
      const text = await manager
        .post(`/api/deals/${dealId}/cancel`)
        .set('Content-Type', 'text/plain')
        .send('x');
      expect(text.status).toBe(415);
      expect(await status()).toBe('draft');
    });

    it('refuses a login posted from another origin', async () => {
      const response = await request(testApp.app.getHttpServer())
        .post('/admin/login')
        .set('Origin', otherOrigin)
        .type('form')
        .send({ email: 'x@y.z', password: 'x' });
      expect(response.status).toBe(403);
    });
  });

  describe('edges of AdminJS', () => {
    it('answers bulk actions on unknown records with a Russian 404, not a 500', async () => {
      const admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
      for (const ids of ['999999', '1,999999', 'x', '']) {
        const response = await admin.post(`/admin/api/resources/Lead/bulk/bulkDelete?recordIds=${ids}`);
        expect(response.status).toBeLessThan(500);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.body.message).toMatch(/[а-яё]/i);
      }
      const get = await admin.get('/admin/api/resources/Department/bulk/bulkDelete?recordIds=999999');
      expect(get.status).toBe(404);
      // A record that is not there: AdminJS's own answer, an error notice the page shows.
      const missing = await admin.get('/admin/api/resources/Lead/records/999999/show');
      expect({ status: missing.status, notice: missing.body.notice?.type }).toEqual({
        status: 200,
        notice: 'error',
      });
      for (const url of [
        '/admin/api/resources/Lead/actions/noSuchAction',
        '/admin/api/resources/NoSuchResource/actions/list',
        '/admin/api/resources/Lead/records/999999/noSuchAction',
      ]) {
        const response = await admin.get(url);
        expect({ url, status: response.status }).toEqual({ url, status: 404 });
        expect(response.body.message).toMatch(/[а-яё]/i);
      }
    });

    it.each([['text/plain'], ['application/octet-stream'], ['application/xml'], ['multipart/form-data']])(
      'answers an action sent as %s with a Russian 4xx and writes nothing',
      async (contentType) => {
        const before = await events();
        const response = await manager
          .post('/admin/api/resources/HistoryEvent/actions/new')
          .set('Content-Type', contentType)
          .send('clientId=1&typeId=1&comment=x');
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body.message).toMatch(/[а-яё]/i);
        expect(await events()).toBe(before);
        expect(filesIn(incoming)).toEqual([]);
      },
    );
  });
});

describe('leftovers, the request rate and cookies behind a proxy', () => {
  let uploadDir: string;
  let testApp: TestApp;

  beforeAll(async () => {
    uploadDir = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-doors-'));
    const folder = path.join(uploadDir, '.incoming');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
    // An upload abandoned two hours ago, and one still arriving.
    writeFileSync(path.join(folder, 'upload_abandoned'), 'x');
    const past = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(path.join(folder, 'upload_abandoned'), past, past);
    writeFileSync(path.join(folder, 'upload_arriving'), 'x');
    testApp = await startTestApp({
      UPLOAD_DIR: uploadDir,
      TRUST_PROXY: 'true',
      ADMIN_REQUESTS_PER_MINUTE: '40',
      ADMIN_REQUESTS_PER_MINUTE_PER_IP: '20',
    });
  });
  afterAll(async () => {
    await testApp.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('removes abandoned uploads at the start and keeps those still arriving', () => {
    expect(readdirSync(path.join(uploadDir, '.incoming'))).toEqual(['upload_arriving']);
  });

  it('sets the session cookie Secure behind the proxy and refuses a login over plain HTTP', async () => {
    const user = await createUser(testApp.app, 'manager');
    const logInAs = (protocol: string) =>
      request(testApp.app.getHttpServer())
        .post('/admin/login')
        .set('X-Forwarded-Proto', protocol)
        .set('X-Forwarded-For', '203.0.113.9')
        .set('Origin', testApp.baseUrl.replace('http:', `${protocol}:`))
        .type('form')
        .send({ email: user.email, password: TEST_PASSWORD });
    const plain = await logInAs('http');
    expect(plain.status).toBe(403);
    expect(plain.text).toContain('только по HTTPS');
    expect(plain.headers['set-cookie']).toBeUndefined();
    const secure = await logInAs('https');
    expect(secure.status).toBe(302);
    const cookies = ([] as string[]).concat(secure.headers['set-cookie'] ?? []);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
  });

  it('limits the requests of an address and of a session, in Russian', async () => {
    const server = testApp.app.getHttpServer();
    const fromAddress = async (address: string, times: number) => {
      for (let i = 0; i < times; i += 1) {
        const response = await request(server).get('/admin/login').set('X-Forwarded-For', address);
        if (response.status === 429) return response;
      }
      return undefined;
    };
    expect((await fromAddress('198.51.100.7', 25))?.text).toMatch(/Слишком много запросов/);
    // Another address is not affected.
    expect(await fromAddress('198.51.100.8', 1)).toBeUndefined();

    // A session is counted apart from its address: 40 a minute here, from addresses of their own.
    const user = await createUser(testApp.app, 'manager');
    const login = await request(server)
      .post('/admin/login')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', '192.0.2.1')
      .set('Origin', testApp.baseUrl.replace('http:', 'https:'))
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(302);
    // The cookie is Secure: sent by hand, as a browser would over the proxy's HTTPS.
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? [])[0].split(';')[0];
    let limited: request.Response | undefined;
    for (let i = 0; i < 45 && !limited; i += 1) {
      const response = await request(server)
        .get('/admin/api/resources/Lead/actions/list')
        .set('Cookie', cookie)
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-For', `192.0.2.${10 + (i % 10)}`);
      expect(response.status === 200 || response.status === 429).toBe(true);
      if (response.status === 429) limited = response;
    }
    expect(limited?.body.message).toMatch(/Слишком много запросов/);
  });
});

/** The session cookie of a logged-in supertest agent, for a raw request. */
function cookieOf(agent: Agent): string {
  const jar = (agent as unknown as { jar: { getCookies(access: object): { toValueString(): string }[] } })
    .jar;
  return jar
    .getCookies({ domain: '127.0.0.1', path: '/admin', secure: false, script: false })
    .map((cookie) => cookie.toValueString())
    .join('; ');
}
