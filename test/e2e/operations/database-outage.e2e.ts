import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';

import { createApp } from '../../../src/app.factory.js';
import { buildConfig } from '../../../src/config/config.js';
import { buildDataSource } from '../../../src/database/data-source.js';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../../src/operations/embedded-postgres/embedded-postgres.js';
import { prepareDatabase } from '../../../src/operations/prepare-database.js';
import { resolveSessionSecret } from '../../../src/modules/setting/session-secret.js';
import { SmtpCatcher } from '../../helpers/smtp-catcher.js';
import { createUser, TEST_PASSWORD } from '../../helpers/users.js';
import { freePort } from '../../setup/test-server.js';

const UNAVAILABLE = /^База данных временно недоступна/;

/**
 * PostgreSQL stopped under a running app and started again: its own embedded server (the shared
 * test server cannot be stopped), the app in this process, a real SMTP server for the mail.
 */
describe('the app while its database is stopped and started again', () => {
  let folder: string;
  let postgresOptions: Parameters<typeof startEmbeddedPostgres>[0];
  let postgres: EmbeddedPostgres | undefined;
  let dataSource: DataSource;
  let app: INestApplication;
  let smtp: SmtpCatcher;
  let objectTypeId: number;
  const acceptedIds: number[] = [];

  const server = () => app.getHttpServer();
  const origin = () => `http://127.0.0.1:${(server().address() as { port: number }).port}`;
  const postLead = (extra: string) =>
    request(server())
      .post('/api/leads')
      .send({ name: 'Иван Петров', phone: '+74952302772', objectTypeId, extra, consent: true });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-test-outage-'));
    await chmod(folder, 0o755); // as root, PostgreSQL runs as the user postgres
    postgresOptions = {
      dataDir: path.join(folder, 'pg'),
      port: await freePort(),
      database: 'kosino_outage_test',
      log: () => undefined,
      notice: () => undefined,
    };
    postgres = await startEmbeddedPostgres(postgresOptions);
    dataSource = buildDataSource({ url: postgres.url, poolSize: 4 });
    await dataSource.initialize();
    await prepareDatabase(dataSource);
    await dataSource.query(
      `UPDATE department SET manager_emails = ARRAY['managers.' || id || '@kosino.test'], head_email = NULL`,
    );
    [{ id: objectTypeId }] = (await dataSource.query(`SELECT id FROM object_type ORDER BY id LIMIT 1`)) as {
      id: number;
    }[];
    smtp = new SmtpCatcher(await freePort());
    await smtp.start();
    const config = buildConfig({
      DATABASE_URL: postgres.url,
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      MAIL_DIR: path.join(folder, 'mail'),
      UPLOAD_DIR: path.join(folder, 'uploads'),
      REPORT_SCHEDULE: 'off',
      REMINDER_SCHEDULE: 'off',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFICATION_POLL_MS: '100',
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_RETRY_MAX_MS: '300',
    });
    const sessionSecret = await resolveSessionSecret(dataSource, config.session.secret);
    app = await createApp({ config, dataSource, sessionSecret });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await postgres?.stop();
    await smtp?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('answers 503 with a Russian message and Retry-After (not 500) while PostgreSQL is stopped', async () => {
    const before = await postLead('до остановки');
    expect(before.status).toBe(201);
    acceptedIds.push(before.body.id as number);
    await smtp.waitFor(1);
    const manager = request.agent(server()).set('Origin', origin());
    const { email } = await createUser(app, 'manager');
    expect(
      (await manager.post('/admin/login').type('form').send({ email, password: TEST_PASSWORD })).status,
    ).toBe(302);

    await postgres!.stop();
    postgres = undefined;

    const api = await postLead('пока база остановлена');
    expect(api.status).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.body.message).toMatch(UNAVAILABLE);

    // The plain form (no JavaScript): the page comes back with the message and what was typed.
    const form = await request(server())
      .post('/form')
      .type('form')
      .send({
        name: 'Анна Смирнова',
        phone: '+7 495 230-27-72',
        objectTypeId: String(objectTypeId),
        extra: 'Склад 300 м², с пандусом',
        consent: 'on',
      });
    expect(form.status).toBe(503);
    expect(form.headers['retry-after']).toBe('5');
    expect(form.type).toBe('text/html');
    expect(form.text).toContain('Заявка не отправлена: база данных временно недоступна');
    expect(form.text).toContain('value="Анна Смирнова"');
    expect(form.text).toContain('Склад 300 м², с пандусом');
    expect(form.text).toContain(`<option value="${objectTypeId}" selected>`);

    const page = await request(server()).get('/form');
    expect(page.status).toBe(503);
    expect(page.text).toContain('<form id="lead-form"');
    expect(page.text).toContain('База данных временно недоступна');

    // The back-office: its API answers JSON, a page a short page in Russian.
    const back = await manager.get('/admin/api/resources/Lead/actions/list');
    expect(back.status).toBe(503);
    expect(back.body.message).toMatch(UNAVAILABLE);
    const backPage = await manager.get('/admin/resources/Lead').set('Accept', 'text/html');
    expect(backPage.status).toBe(503);
    expect(backPage.type).toBe('text/html');
    expect(backPage.text).toContain('Сервис временно недоступен');

    expect((await request(server()).get('/health')).status).toBe(503);

    // The login page says it in Russian too (not the driver's English error).
    const login = await request(server())
      .post('/admin/login')
      .set('Origin', origin())
      .type('form')
      .send({ email, password: TEST_PASSWORD });
    expect(login.text).toContain('База данных временно недоступна — повторите вход через несколько секунд.');
    expect(login.text).not.toMatch(/ECONNREFUSED|connect|terminated/i);
  });

  it('takes leads again within seconds of PostgreSQL’s return, without a restart, and keeps every accepted one', async () => {
    postgres = await startEmbeddedPostgres(postgresOptions);
    const back = Date.now();
    let status = 0;
    while (status !== 201 && Date.now() - back < 30_000) {
      const response = await postLead('после возврата базы');
      status = response.status;
      if (status === 201) acceptedIds.push(response.body.id as number);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(201);
    for (let index = 0; index < 3; index += 1) {
      const response = await postLead(`ещё заявка ${index}`);
      expect(response.status).toBe(201);
      acceptedIds.push(response.body.id as number);
    }

    const rows = (await dataSource.query(
      `SELECT l.id, (SELECT count(*)::int FROM lead_status_change s WHERE s.lead_id = l.id) AS "statusRows",
              n.message_id AS "messageId"
       FROM lead l LEFT JOIN notification n ON n.lead_id = l.id WHERE l.id = ANY($1) ORDER BY l.id`,
      [acceptedIds],
    )) as { id: number; statusRows: number; messageId: string | null }[];
    expect(rows.map((row) => row.id)).toEqual([...acceptedIds].sort((a, b) => a - b));
    expect(rows.every((row) => row.statusRows === 1 && row.messageId !== null)).toBe(true);
    // Nothing was written for the requests answered 503.
    const [{ refused }] = (await dataSource.query(
      `SELECT count(*)::int AS refused FROM lead WHERE extra = 'пока база остановлена' OR name = 'Анна Смирнова'`,
    )) as { refused: number }[];
    expect(refused).toBe(0);

    // Each accepted lead's mail goes out once.
    const messages = await smtp.waitFor(acceptedIds.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messages.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => row.messageId).sort());
  });
});
