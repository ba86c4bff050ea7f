import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressObject } from 'mailparser';
import request from 'supertest';

import { Lead } from '../../../src/modules/lead/entities/lead.entity.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { NotificationDispatcher } from '../../../src/modules/notification/notification.dispatcher.js';
import { NotificationService } from '../../../src/modules/notification/notification.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { SmtpCatcher } from '../../helpers/smtp-catcher.js';
import { startSecondInstance, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { until } from '../../helpers/until.js';
import { createUser } from '../../helpers/users.js';
import { freePort } from '../../setup/test-server.js';

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  ([] as AddressObject[])
    .concat(field ?? [])
    .flatMap((group) => group.value.map((address) => address.address))
    .sort();

describe('the mail about a new lead', () => {
  let testApp: TestApp;
  let smtp: SmtpCatcher;
  let leads: LeadService;
  let submitter: { id: number; email: string };

  beforeAll(async () => {
    smtp = new SmtpCatcher(await freePort());
    testApp = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFICATION_POLL_MS: '50',
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_RETRY_MAX_MS: '300',
    });
    leads = testApp.app.get(LeadService);
    // Leads of several departments are sent to work here: by an administrator, who may change them all.
    submitter = await createUser(testApp.app, 'admin');
    await testApp.dataSource.query(
      `UPDATE department SET manager_emails = ARRAY[lower(replace(left(md5(name), 8), ' ', '')) || '.m1@kosino.test',
         lower(left(md5(name), 8)) || '.m2@kosino.test'], head_email = lower(left(md5(name), 8)) || '.head@kosino.test'`,
    );
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  async function draftFor(objectType: string, extra = 'Нужен склад 500 м²'): Promise<Lead> {
    const [{ id }] = (await testApp.dataSource.query(`SELECT id FROM object_type WHERE name = $1`, [
      objectType,
    ])) as {
      id: number;
    }[];
    return testApp.app.get(LeadService).create(
      {
        name: 'Иван Петров',
        company: 'ООО «Экор»',
        phone: '+74952302772',
        email: 'ivan@ekor.test',
        objectTypeId: id,
        extra,
      },
      { source: 'manual', draft: true },
    );
  }

  const objectTypeIdOf = async (objectType: string) =>
    (
      (await testApp.dataSource.query(`SELECT id FROM object_type WHERE name = $1`, [objectType])) as {
        id: number;
      }[]
    )[0].id;

  const departmentOf = async (objectType: string) =>
    (
      (await testApp.dataSource.query(
        `SELECT d.manager_emails AS "to", d.head_email AS "head" FROM object_type o JOIN department d ON d.id = o.department_id
       WHERE o.name = $1`,
        [objectType],
      )) as { to: string[]; head: string }[]
    )[0];

  it('goes once to the managers of the object type’s department, the head in copy, for each department', async () => {
    await smtp.start();
    const objectTypes = ['Аптека', 'Низкотемпературный производственно-складской комплекс', 'Таможня'];
    for (const objectType of objectTypes) {
      // The visitor's plain form (no JavaScript), as docs/product.md §1.2 describes.
      const response = await request(testApp.app.getHttpServer())
        .post('/form')
        .type('form')
        .send({
          name: 'Иван Петров',
          company: 'ООО «Экор»',
          phone: '8 (495) 230-27-72',
          email: 'ivan@ekor.test',
          objectTypeId: String(await objectTypeIdOf(objectType)),
          extra: 'Нужен склад 500 м²',
          consent: 'on',
        });
      expect(response.status).toBe(303);
    }
    const messages = await smtp.waitFor(3);
    for (const [index, objectType] of objectTypes.entries()) {
      const mail = messages[index];
      const department = await departmentOf(objectType);
      expect(mail.subject).toBe('Сформирован новый «лид»');
      expect(addresses(mail.to)).toEqual([...department.to].sort());
      expect(addresses(mail.cc)).toEqual([department.head]);
      expect(mail.text).toContain('В базе данных CRM сформирован новый «лид» со следующими параметрами:');
      for (const line of [
        'Имя: Иван Петров',
        'Компания: ООО «Экор»',
        'Телефон: +7 (495) 230-27-72',
        'Почта: ivan@ekor.test',
        `Тип объекта: ${objectType}`,
        'Дополнительные данные: Нужен склад 500 м²',
      ]) {
        expect(mail.text).toContain(line);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // no second copies meanwhile
    expect(smtp.messages).toHaveLength(3);
    // Recorded as sent once the batch ends (on a loaded machine, after the mail server saw them).
    const states = await until(
      async () =>
        ((await testApp.dataSource.query(`SELECT state::text FROM notification`)) as { state: string }[]).map(
          (row) => row.state,
        ),
      (values) => values.every((state) => state === 'sent'),
    );
    expect(states).toEqual(['sent', 'sent', 'sent']);
  });

  it('keeps every mail while the mail server is down and delivers each once when it is back', async () => {
    await smtp.stop();
    smtp.messages.length = 0;
    const submitted: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      // The form still answers success: the mail waits in the outbox.
      const response = await request(testApp.app.getHttpServer())
        .post('/api/leads')
        .send({
          name: 'Иван Петров',
          phone: '+74952302772',
          objectTypeId: await objectTypeIdOf('Аптека'),
          extra: `Заявка ${index}`,
          consent: true,
        });
      expect(response.status).toBe(201);
      submitted.push(response.body.id as number);
    }
    const tried = (rows: { state: string; attempts: number; last_error: string | null }[]) =>
      rows.length === 5 &&
      rows.every((row) => row.state === 'pending' && row.attempts >= 1 && row.last_error);
    const pending = await until(
      async () =>
        (await testApp.dataSource.query(
          `SELECT state::text, attempts, last_error FROM notification WHERE lead_id = ANY($1)`,
          [submitted],
        )) as { state: string; attempts: number; last_error: string | null }[],
      tried,
    );
    expect(pending).toHaveLength(5);
    expect(tried(pending)).toBe(true);

    await smtp.start();
    const messages = await smtp.waitFor(5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(5);
    const bodies = messages
      .map((mail) => /Дополнительные данные: (Заявка \d)/.exec(mail.text ?? '')?.[1])
      .sort();
    expect(bodies).toEqual(['Заявка 0', 'Заявка 1', 'Заявка 2', 'Заявка 3', 'Заявка 4']);
    expect(new Set(messages.map((mail) => mail.messageId)).size).toBe(5);
  });

  it('lets an administrator send a mail again, with the same Message-ID; a manager cannot', async () => {
    const lead = await draftFor('Таможня', 'Повторная отправка');
    await leads.submit(lead.id, submitter);
    const [notification] = (await testApp.dataSource.query(
      `SELECT id, message_id AS "messageId" FROM notification WHERE lead_id = $1`,
      [lead.id],
    )) as { id: string; messageId: string }[];
    const copies = () => smtp.messages.filter((mail) => mail.messageId === notification.messageId).length;
    const waitForCopies = async (count: number) => {
      const deadline = Date.now() + 10_000;
      while (copies() < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} copies, got ${copies()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitForCopies(1);

    const managerAgent = await logIn(testApp, (await createUser(testApp.app, 'manager')).email);
    const refused = await managerAgent.get(
      `/admin/api/resources/Notification/records/${notification.id}/resend`,
    );
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(copies()).toBe(1);

    const admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    const response = await admin.get(`/admin/api/resources/Notification/records/${notification.id}/resend`);
    expect(response.body.notice).toEqual({ message: 'notificationQueued', type: 'success' });
    await waitForCopies(2);
  });

  it('lets a mail whose department has no addresses wait, copies it to the administrators, and sends it by itself once the addresses are filled', async () => {
    await testApp.dataSource.query(
      `UPDATE department SET manager_emails = '{}', head_email = NULL WHERE name = 'Департамент ВЭД'`,
    );
    const administrator = await createUser(testApp.app, 'admin');
    const admin = await logIn(testApp, administrator.email);
    const warnings = async () =>
      (
        (await admin.get('/admin/api/dashboard')).body as {
          warnings: { text: string; link: { href: string } }[];
        }
      ).warnings;
    const lead = await draftFor('Таможня', 'Без адресов');
    await leads.submit(lead.id, submitter);

    // Nobody in the department to tell: the mail waits, saying why, and the administrators get a copy.
    const waiting = await until(
      async () =>
        (
          (await testApp.dataSource.query(
            `SELECT id, state::text, last_error FROM notification WHERE lead_id = $1 AND kind = 'lead_created'`,
            [lead.id],
          )) as { id: string; state: string; last_error: string | null }[]
        )[0],
      (row) => Boolean(row?.last_error),
    );
    expect(waiting).toMatchObject({ state: 'pending' });
    expect(waiting.last_error).toContain('Ждёт получателей');
    const copy = await smtp.waitForMatch((mail) =>
      (mail.text ?? '').includes('Дополнительные данные: Без адресов'),
    );
    expect(copy.subject).toBe('Сформирован новый «лид» — департаменту «Департамент ВЭД» некому отправить');
    expect(addresses(copy.to)).toEqual(expect.arrayContaining([administrator.email, submitter.email]));
    expect(copy.text).toContain('Укажите адреса в разделе «Справочники → Департаменты»');
    expect((await warnings()).map((warning) => warning.text)).toEqual(
      expect.arrayContaining([
        'Писем ждут получателей: 1. Они уйдут сами в течение минуты после того, как адреса департаментов будут указаны.',
        'У департамента «Департамент ВЭД» не указаны: эл. почта менеджеров (уведомления о лидах), эл. почта руководителя, получатели отчётов комитета.',
      ]),
    );

    // The administrator fills the addresses in the back-office; nobody presses «Отправить повторно».
    const [department] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Департамент ВЭД'`,
    )) as { id: number }[];
    const saved = await admin
      .post(`/admin/api/resources/Department/records/${department.id}/edit`)
      .type('form')
      .send({ 'managerEmails.0': 'ved.fixed@kosino.test', headEmail: 'ved.head.fixed@kosino.test' });
    expect(saved.body.record.errors).toEqual({});
    const mail = await smtp.waitForMatch(
      (message) =>
        (message.text ?? '').includes('Дополнительные данные: Без адресов') &&
        addresses(message.to).includes('ved.fixed@kosino.test'),
    );
    expect(mail.subject).toBe('Сформирован новый «лид»');
    expect(addresses(mail.cc)).toEqual(['ved.head.fixed@kosino.test']);
    expect(
      await until(
        async () =>
          (
            (await testApp.dataSource.query(`SELECT state::text FROM notification WHERE id = $1`, [
              waiting.id,
            ])) as { state: string }[]
          )[0].state,
        (state) => state === 'sent',
      ),
    ).toBe('sent');
    // Each once: the copy and the department's mail.
    expect(
      smtp.messages.filter((message) => (message.text ?? '').includes('Дополнительные данные: Без адресов')),
    ).toHaveLength(2);
    expect((await warnings()).map((warning) => warning.text).join('\n')).not.toMatch(
      /ждут получателей|«Департамент ВЭД» не указаны: эл. почта/,
    );
  });

  it('writes no mail when the transition is refused', async () => {
    const lead = await draftFor('Аптека');
    await leads.submit(lead.id, submitter);
    await expect(leads.submit(lead.id, submitter)).rejects.toMatchObject({
      code: 'lead.transition_not_allowed',
      status: 409,
    });
    const [row] = (await testApp.dataSource.query(
      `SELECT count(*)::int AS count FROM notification WHERE lead_id = $1`,
      [lead.id],
    )) as { count: number }[];
    expect(row.count).toBe(1);
  });
  it('records a mail as sent only by the claim that sent it, not over a resend another instance claimed', async () => {
    // Two instances on one database; the test plays both dispatchers, so their own stop polling
    // (the last test of the file).
    const second = await startSecondInstance(testApp);
    try {
      await testApp.app.get(NotificationDispatcher).onApplicationShutdown();
      await second.app.get(NotificationDispatcher).onApplicationShutdown();
      const [mine, theirs] = [testApp.app, second.app].map((app) => app.get(NotificationService));
      const [{ id }] = (await testApp.dataSource.query(
        `INSERT INTO notification (kind, "to", subject, body, message_id)
         VALUES ('overdue_digest', '{head@kosino.test}', 'Сводка', 'Текст', '<claim-test@kosino-crm>')
         RETURNING id`,
      )) as { id: string }[];
      const claimBy = async (notifications: NotificationService) => {
        const claimed = (await notifications.claimDue(1000)).find((row) => row.id === id);
        expect(claimed).toBeDefined();
        return claimed!.claim;
      };
      const state = async () =>
        (
          (await testApp.dataSource.query(`SELECT state::text FROM notification WHERE id = $1`, [id])) as {
            state: string;
          }[]
        )[0].state;

      const first = await claimBy(mine);
      // An administrator's «Отправить повторно» while the first instance sends; the second claims it.
      await mine.resend(id);
      const secondClaim = await claimBy(theirs);
      await mine.markSent([first]);
      expect(await state()).toBe('pending');
      await theirs.markSent([secondClaim]);
      expect(await state()).toBe('sent');
    } finally {
      await second.close();
    }
  });
});
