import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import type { DataSource } from 'typeorm';

import { createApp } from '../../../src/app.factory.js';
import { buildConfig } from '../../../src/config/config.js';
import { buildDataSource } from '../../../src/database/data-source.js';
import { resolveSessionSecret } from '../../../src/modules/setting/session-secret.js';
import { SmtpCatcher } from '../../helpers/smtp-catcher.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { until } from '../../helpers/until.js';
import { freePort } from '../../setup/test-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The mail server away while leads keep coming, beyond what lead-notification.e2e.ts checks (one
 * instance, mail written one by one): two app instances sharing the outbox under concurrent
 * submissions, and a mail server that is up but refuses for a while.
 */
describe('mail while the mail server is away', () => {
  let first: TestApp;
  let second: { app: INestApplication; dataSource: DataSource };
  let smtpPort: number;
  let objectTypeId: number;
  const mailEnv = () => ({
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    NOTIFICATION_POLL_MS: '50',
    NOTIFICATION_RETRY_BASE_MS: '100',
    NOTIFICATION_RETRY_MAX_MS: '400',
    // Both instances count the intake of 127.0.0.1 together: room for the 36 leads posted here.
    LEAD_INTAKE_PER_MINUTE: '1000',
  });

  beforeAll(async () => {
    smtpPort = await freePort();
    first = await startTestApp(mailEnv());
    // A second instance on the same database: its own pool and its own dispatcher.
    const dataSource = buildDataSource({ url: first.database.url, poolSize: 4 });
    await dataSource.initialize();
    const config = buildConfig({
      DATABASE_URL: first.database.url,
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      MAIL_DIR: path.join(first.config.mail.directory, 'second'),
      UPLOAD_DIR: first.config.uploads.directory,
      REPORT_SCHEDULE: 'off',
      REMINDER_SCHEDULE: 'off',
      ...mailEnv(),
    });
    const sessionSecret = await resolveSessionSecret(dataSource, config.session.secret);
    second = { app: await createApp({ config, dataSource, sessionSecret }), dataSource };
    await first.dataSource.query(
      `UPDATE department SET manager_emails = ARRAY['managers.' || id || '@kosino.test'], head_email = NULL`,
    );
    [{ id: objectTypeId }] = (await first.dataSource.query(
      `SELECT id FROM object_type ORDER BY id LIMIT 1`,
    )) as {
      id: number;
    }[];
  });

  afterAll(async () => {
    await second?.app.close();
    if (second?.dataSource.isInitialized) await second.dataSource.destroy();
    await first?.close();
  });

  const submit = (app: INestApplication, extra: string) =>
    request(app.getHttpServer())
      .post('/api/leads')
      .send({ name: 'Иван Петров', phone: '+74952302772', objectTypeId, extra, consent: true });

  async function notificationsOf(leadIds: number[]) {
    return (await first.dataSource.query(
      `SELECT message_id AS "messageId", state::text, attempts, last_error AS "lastError"
       FROM notification WHERE lead_id = ANY($1)`,
      [leadIds],
    )) as { messageId: string; state: string; attempts: number; lastError: string | null }[];
  }

  it('delivers every mail queued by two instances during the outage exactly once when the server is back', async () => {
    // No mail server listens on the port: every attempt is refused.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_unused, index) =>
        submit(index % 2 === 0 ? first.app : second.app, `Заявка во время простоя ${index}`),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const leadIds = answers.map((answer) => answer.body.id as number);
    // Both dispatchers keep trying with backoff meanwhile: each mail tried at least twice.
    const tried = (rows: Awaited<ReturnType<typeof notificationsOf>>) =>
      rows.length === 30 &&
      rows.every((row) => row.state === 'pending' && row.attempts >= 2 && row.lastError);
    const waiting = await until(() => notificationsOf(leadIds), tried);
    expect(waiting).toHaveLength(30);
    expect(tried(waiting)).toBe(true);

    const smtp = new SmtpCatcher(smtpPort);
    await smtp.start();
    try {
      await smtp.waitFor(30);
      await sleep(800); // retries of both instances would bring second copies meanwhile
      const sent = await notificationsOf(leadIds);
      expect(smtp.messages.map((mail) => mail.messageId).sort()).toEqual(
        sent.map((row) => row.messageId).sort(),
      );
      expect(sent.every((row) => row.state === 'sent' && row.lastError === null)).toBe(true);
    } finally {
      await smtp.stop();
    }
  });

  it('keeps mail a mail server refuses for a while (temporary errors) and delivers each once when it accepts again', async () => {
    let refusing = true;
    const accepted = new Map<string, number>();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (refusing) {
            callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
            return;
          }
          const id = /^message-id:\s*(<[^>]+>)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
          accepted.set(id, (accepted.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(smtpPort, '127.0.0.1', () => resolve()));
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_unused, index) =>
          submit(index % 2 === 0 ? first.app : second.app, `Заявка при отказах ${index}`),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
      const leadIds = answers.map((answer) => answer.body.id as number);
      const busy = (rows: Awaited<ReturnType<typeof notificationsOf>>) =>
        rows.length === 6 &&
        rows.every((row) => row.state === 'pending' && row.lastError?.includes('Mailbox busy'));
      const refused = await until(() => notificationsOf(leadIds), busy);
      expect(busy(refused)).toBe(true);
      expect(accepted.size).toBe(0);

      refusing = false;
      const deadline = Date.now() + 15_000;
      while (accepted.size < 6 && Date.now() < deadline) await sleep(50);
      await sleep(800);
      const sent = await notificationsOf(leadIds);
      expect([...accepted.keys()].sort()).toEqual(sent.map((row) => row.messageId).sort());
      expect([...accepted.values()]).toEqual([1, 1, 1, 1, 1, 1]);
      expect(sent.every((row) => row.state === 'sent')).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
