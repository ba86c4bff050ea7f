import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { HistoryService } from '../../../src/modules/client/history.service.js';
import { DeadlineService } from '../../../src/modules/deadline/deadline.service.js';
import { ReminderService } from '../../../src/modules/reminder/reminder.service.js';
import { CountersService } from '../../../src/modules/counters/counters.service.js';
import { SmtpCatcher } from '../../helpers/smtp-catcher.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';
import { freePort } from '../../setup/test-server.js';

/** A moment given in Moscow time (UTC+3 all year). */
const msk = (local: string) => new Date(`${local}:00+03:00`);

describe('working time: working_deadline in PostgreSQL, with the seeded 2026 calendar', () => {
  let testApp: TestApp;
  const deadline = async (start: string, minutes: number) =>
    (
      (await testApp.dataSource.query('SELECT working_deadline($1, $2) AS due', [msk(start), minutes])) as {
        due: Date;
      }[]
    )[0].due.toISOString();

  beforeAll(async () => {
    testApp = await startTestApp();
  }, 180_000);
  afterAll(async () => {
    await testApp?.close();
  });

  it('carries a Friday 17:00 lead with 4 working hours over the weekend to Monday 12:00', async () => {
    expect(await deadline('2026-02-13T17:00', 240)).toBe(msk('2026-02-16T12:00').toISOString());
  });

  it('skips the Monday of 23 February (a public holiday)', async () => {
    expect(await deadline('2026-02-20T16:00', 240)).toBe(msk('2026-02-24T11:00').toISOString());
  });

  it('skips the January holidays 1–11 January 2026', async () => {
    expect(await deadline('2025-12-30T16:00', 9 * 60)).toBe(msk('2025-12-31T16:00').toISOString());
    expect(await deadline('2025-12-31T16:00', 240)).toBe(msk('2026-01-12T11:00').toISOString());
  });

  it('counts from the next working moment when it starts outside working hours or on a holiday', async () => {
    expect(await deadline('2026-02-16T07:30', 60)).toBe(msk('2026-02-16T10:00').toISOString());
    expect(await deadline('2026-02-16T19:00', 60)).toBe(msk('2026-02-17T10:00').toISOString());
    expect(await deadline('2026-02-23T10:00', 60)).toBe(msk('2026-02-24T10:00').toISOString());
    expect(await deadline('2026-03-07T12:00', 60)).toBe(msk('2026-03-10T10:00').toISOString());
  });

  it('ends exactly at the end of a working day when the time fits it', async () => {
    expect(await deadline('2026-02-16T14:00', 240)).toBe(msk('2026-02-16T18:00').toISOString());
  });

  it('counts a Saturday the calendar marks as a working day, and follows the working hours', async () => {
    await testApp.dataSource.query(
      `INSERT INTO working_calendar_day (day, kind, name) VALUES ('2026-02-28', 'workday', 'Рабочая суббота')`,
    );
    expect(await deadline('2026-02-27T17:00', 120)).toBe(msk('2026-02-28T10:00').toISOString());
    await testApp.dataSource.query(`DELETE FROM working_calendar_day WHERE day = '2026-02-28'`);
    expect(await deadline('2026-02-27T17:00', 120)).toBe(msk('2026-03-02T10:00').toISOString());
    await testApp.dataSource.query(`UPDATE working_hours SET starts_at = '10:00', ends_at = '19:00'`);
    expect(await deadline('2026-02-27T17:00', 120)).toBe(msk('2026-02-27T19:00').toISOString());
    expect(await deadline('2026-02-27T08:00', 60)).toBe(msk('2026-02-27T11:00').toISOString());
    await testApp.dataSource.query(`UPDATE working_hours SET starts_at = '09:00', ends_at = '18:00'`);
  });
});

describe('deadlines, counters and overdue reminders with a fixed clock', () => {
  let testApp: TestApp;
  let smtp: SmtpCatcher;
  let workspace: CountersService;
  let reminders: ReminderService;
  let department: { id: number; name: string };
  let manager: { id: number; email: string; role: 'manager'; departmentId: number };
  let leadId: number;
  let clientId: number;

  const recompute = () => testApp.app.get(DeadlineService).recomputeIfRequested();
  const lead = async () =>
    (
      (await testApp.dataSource.query('SELECT status_since AS since, due_at AS due FROM lead WHERE id = $1', [
        leadId,
      ])) as { since: Date; due: Date | null }[]
    )[0];
  const clientDue = async () =>
    (
      (await testApp.dataSource.query('SELECT stage_due_at AS due FROM client WHERE id = $1', [
        clientId,
      ])) as {
        due: Date | null;
      }[]
    )[0].due;
  const mails = async (kind: string) =>
    (await testApp.dataSource.query(
      `SELECT "to", subject, body, dedupe_key AS key FROM notification WHERE kind = $1 ORDER BY id`,
      [kind],
    )) as { to: string[]; subject: string; body: string; key: string }[];

  beforeAll(async () => {
    smtp = new SmtpCatcher(await freePort());
    await smtp.start();
    testApp = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFICATION_POLL_MS: '50' });
    workspace = testApp.app.get(CountersService);
    reminders = testApp.app.get(ReminderService);
    // For UPDATE … RETURNING, TypeORM's PostgreSQL driver answers [rows, affected count].
    const [updated] = (await testApp.dataSource.query(
      `UPDATE department SET head_email = 'head@kosino.test', manager_emails = ARRAY['desk@kosino.test']
       WHERE id = (SELECT department_id FROM object_type ORDER BY id LIMIT 1) RETURNING id, name`,
    )) as [{ id: number; name: string }[], number];
    department = updated[0];
    const user = await createUser(testApp.app, 'manager', {
      fullName: 'Мария Сроки',
      departmentId: department.id,
    });
    manager = { id: user.id, email: user.email, role: 'manager', departmentId: department.id };

    // A lead through the public API (the group-commit writer), then dated Friday 20.02.2026 16:00.
    const [objectType] = (await testApp.dataSource.query(
      'SELECT id FROM object_type WHERE department_id = $1 ORDER BY id LIMIT 1',
      [department.id],
    )) as { id: number }[];
    const created = await request(testApp.app.getHttpServer())
      .post('/api/leads')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          name: 'Иван',
          company: 'ООО «Сроки»',
          phone: '+7 495 230-27-72',
          objectTypeId: objectType.id,
          consent: true,
        }),
      );
    expect(created.status).toBe(201);
    leadId = Number(created.body.id);

    // A client at «Новый» of the standard pipeline (3 working days) since Wednesday 18.02.2026 10:00.
    [{ id: clientId }] = (await testApp.dataSource.query(
      `INSERT INTO client (added_on, source, company_name, department_id, responsible_user_id, pipeline_id,
                           stage_id, stage_kind, stage_since)
       SELECT '2026-02-18', 'Звонок', 'АО «Застой»', $1, $2, p.id, s.id, 'open', $3
       FROM pipeline p JOIN stage s ON s.pipeline_id = p.id AND s.name = 'Новый' WHERE p.code = 'standard'
       RETURNING id`,
      [department.id, manager.id, msk('2026-02-18T10:00')],
    )) as { id: number }[];
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
    await smtp?.stop();
  });

  it('gives every lead the public form writes a deadline of its status (4 working hours for «Новый»)', async () => {
    const { since, due } = await lead();
    const [{ expected }] = (await testApp.dataSource.query('SELECT working_deadline($1, 240) AS expected', [
      since,
    ])) as { expected: Date }[];
    expect(due?.toISOString()).toBe(expected.toISOString());
  });

  it('puts a lead submitted on Friday 20 February 16:00 due on Tuesday 24 February 11:00 (23 February is a holiday)', async () => {
    await testApp.dataSource.query('UPDATE lead SET status_since = $2 WHERE id = $1', [
      leadId,
      msk('2026-02-20T16:00'),
    ]);
    expect((await lead()).due?.toISOString()).toBe(msk('2026-02-24T11:00').toISOString());
    expect((await clientDue())?.toISOString()).toBe(msk('2026-02-24T10:00').toISOString());
  });

  it('plans events for a future date and refuses a future date for a done one', async () => {
    const history = testApp.app.get(HistoryService);
    const [{ id: typeId }] = (await testApp.dataSource.query(
      'SELECT id FROM history_event_type ORDER BY position LIMIT 1',
    )) as { id: number }[];
    const future = `${Number(new Date().toISOString().slice(0, 4)) + 1}-06-01`;
    await expect(
      history.create(clientId, { typeId, comment: 'Встреча', eventDate: future }, manager),
    ).rejects.toMatchObject({ status: 422, fields: { eventDate: 'Дата события не может быть в будущем' } });
    const planned = await history.create(
      clientId,
      { typeId, comment: 'Встреча на складе', eventDate: future, planned: true },
      manager,
    );
    expect(planned).toMatchObject({ planned: true, eventDate: future });
    await expect(
      history.update(
        planned.id,
        { typeId, comment: 'Встреча на складе', eventDate: future, planned: false },
        manager,
      ),
    ).rejects.toMatchObject({ status: 422 });
    await history.create(
      clientId,
      { typeId, comment: 'Позвонить', eventDate: '2026-02-24', planned: 'true' },
      manager,
    );
  });

  it('counts nothing overdue on the holiday Monday 23 February at 10:00', async () => {
    const counters = await workspace.counters(manager, msk('2026-02-23T10:00'));
    expect(counters).toMatchObject({
      overdueLeads: { count: 0 },
      stuckClients: { count: 0 },
      plannedToday: { count: 0 },
    });
    expect(await reminders.runOverdueItems(msk('2026-02-23T10:00'))).toBe(0);
  });

  it('counts the overdue lead, the stuck client and today’s planned event on Tuesday 24 February at 12:00, with links to the lists', async () => {
    const now = msk('2026-02-24T12:00');
    const counters = await workspace.counters(manager, now);
    expect(counters).toEqual({
      overdueLeads: {
        count: 1,
        link: `/admin/resources/Lead?filters.dueAt~~to=${encodeURIComponent(now.toISOString())}&filters.departmentId=${department.id}`,
      },
      stuckClients: {
        count: 1,
        link: `/admin/resources/Client?filters.stageDueAt~~to=${encodeURIComponent(now.toISOString())}&filters.responsibleUserId=${manager.id}`,
      },
      plannedToday: {
        count: 1,
        link: `/admin/resources/HistoryEvent?filters.planned=true&filters.eventDate~~from=2026-02-24&filters.eventDate~~to=2026-02-24&filters.userId=${manager.id}`,
      },
    });
    const other = await createUser(testApp.app, 'manager', { departmentId: department.id });
    expect(
      await workspace.counters({ id: other.id, role: 'manager', departmentId: department.id }, now),
    ).toMatchObject({ overdueLeads: { count: 1 }, stuckClients: { count: 0 }, plannedToday: { count: 0 } });
    expect(await workspace.counters({ id: 1, role: 'admin', departmentId: null }, now)).toMatchObject({
      overdueLeads: { count: 1 },
      stuckClients: { count: 1 },
      plannedToday: { count: 1 },
    });
  });

  it('mails each item once when it becomes overdue: the unassigned lead to the department’s managers, the client to its manager', async () => {
    const now = msk('2026-02-24T12:00');
    expect(await reminders.runOverdueItems(now)).toBe(2);
    const again = await Promise.all([
      reminders.runOverdueItems(now),
      reminders.runOverdueItems(msk('2026-02-24T13:00')),
    ]);
    expect(again).toEqual([0, 0]);
    const items = await mails('overdue_item');
    // Keyed by the stay: the item, its status or stage, and since when (microseconds).
    const [{ leadSince, clientStage, clientSince }] = (await testApp.dataSource.query(
      `SELECT (extract(epoch FROM l.status_since) * 1000000)::bigint::text AS "leadSince",
              c.stage_id AS "clientStage", (extract(epoch FROM c.stage_since) * 1000000)::bigint::text AS "clientSince"
       FROM lead l, client c WHERE l.id = $1 AND c.id = $2`,
      [leadId, clientId],
    )) as { leadSince: string; clientStage: number; clientSince: string }[];
    expect(items.map((mail) => [mail.key, mail.to])).toEqual([
      [`overdue:lead:${leadId}:new:${leadSince}`, ['desk@kosino.test']],
      [`overdue:client:${clientId}:${clientStage}:${clientSince}`, [manager.email]],
    ]);
    expect(items[0].subject).toBe(`Просрочен лид №${leadId} ООО «Сроки»`);
    expect(items[0].body).toContain('срок обработки истёк 24.02.2026, 11:00');
    expect(items[0].body).toContain(
      `${testApp.config.http.publicUrl}/admin/resources/Lead/records/${leadId}/show`,
    );
    await smtp.waitFor(3); // the lead's «Сформирован новый «лид»» and the two
  });

  it('mails the department head one digest a working day, even when two runs race, and none on a weekend or holiday', async () => {
    const wednesday = msk('2026-02-25T09:00');
    const written = await Promise.all([reminders.runDigest(wednesday), reminders.runDigest(wednesday)]);
    expect(written.sort()).toEqual([0, 1]);
    await smtp.waitFor(4);
    const digests = () => smtp.messages.filter((mail) => mail.subject?.startsWith('Просрочки на'));
    expect(digests()).toHaveLength(1);
    expect(digests()[0].subject).toBe(`Просрочки на 25.02.2026: ${department.name} — лидов 1, клиентов 1`);
    expect(digests()[0].text).toContain('Лид №');
    expect(digests()[0].text).toContain(
      'ответственный: не назначен; в статусе с 20.02.2026, 16:00; срок 24.02.2026, 11:00',
    );
    expect(digests()[0].text).toContain('Клиент «АО «Застой»» — этап «Новый»');
    expect(digests()[0].text).toContain('ответственный: Мария Сроки');

    expect(await reminders.runDigest(msk('2026-02-28T09:00'))).toBe(0); // Saturday
    expect(await reminders.runDigest(msk('2026-03-09T09:00'))).toBe(0); // transfer of 8 March
    expect(await reminders.runDigest(msk('2026-02-26T09:00'))).toBe(1); // Thursday: a new day
    await smtp.waitFor(5);
    expect(digests()).toHaveLength(2);
    expect((await mails('overdue_digest')).map((mail) => mail.key)).toEqual([
      `digest:${department.id}:2026-02-25`,
      `digest:${department.id}:2026-02-26`,
    ]);
  });

  it('recomputes open deadlines after an administrator changes a limit or the calendar (in batches, at the next run)', async () => {
    await testApp.dataSource.query(`UPDATE lead_status_limit SET working_hours = 8 WHERE status = 'new'`);
    // The save only asks for it: the deadline is still the old one until the job runs.
    expect((await lead()).due?.toISOString()).toBe(msk('2026-02-24T11:00').toISOString());
    expect(await recompute()).toBe(true);
    expect(await recompute()).toBe(false);
    expect((await lead()).due?.toISOString()).toBe(msk('2026-02-24T15:00').toISOString());
    // Still the same stay, only a later deadline: no second mail.
    expect(await reminders.runOverdueItems(msk('2026-02-25T12:00'))).toBe(0);
    await testApp.dataSource.query(
      `INSERT INTO working_calendar_day (day, kind, name) VALUES ('2026-02-24', 'holiday', 'Проверка')`,
    );
    await recompute();
    expect((await lead()).due?.toISOString()).toBe(msk('2026-02-25T15:00').toISOString());
    expect((await clientDue())?.toISOString()).toBe(msk('2026-02-25T10:00').toISOString());
    await testApp.dataSource.query(`DELETE FROM working_calendar_day WHERE day = '2026-02-24'`);
    await testApp.dataSource.query(
      `UPDATE stage SET limit_days = 1 WHERE id = (SELECT stage_id FROM client WHERE id = $1)`,
      [clientId],
    );
    await recompute();
    // Wednesday 10:00 + one working day (9 h): Wednesday 8 h, Thursday 1 h.
    expect((await clientDue())?.toISOString()).toBe(msk('2026-02-19T10:00').toISOString());
    await testApp.dataSource.query(`UPDATE lead_status_limit SET working_hours = 4 WHERE status = 'new'`);
    await recompute();
    expect((await lead()).due?.toISOString()).toBe(msk('2026-02-24T11:00').toISOString());
  });

  it('clears the deadline when the lead leaves the limited statuses and the client a limited stage', async () => {
    await testApp.dataSource.query(`DELETE FROM lead_status_limit WHERE status = 'new'`);
    await recompute();
    expect((await lead()).due).toBeNull();
    await testApp.dataSource.query(
      `UPDATE stage SET limit_days = NULL WHERE id = (SELECT stage_id FROM client WHERE id = $1)`,
      [clientId],
    );
    await recompute();
    expect(await clientDue()).toBeNull();
  });
});

describe('the deadlines of rows that existed before the Deadlines migration', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('reads since when each lead is in its status from its history, in the background, then stops', async () => {
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      'SELECT department_id AS id FROM object_type ORDER BY id LIMIT 1',
    )) as { id: number }[];
    const leads = (await testApp.dataSource.query(
      `INSERT INTO lead (status, source, company, object_type_id, department_id, phone, submitted_at, created_at)
       SELECT 'new', 'manual', 'До сроков ' || g, (SELECT id FROM object_type WHERE department_id = $1 ORDER BY id LIMIT 1),
              $1, '+74951234567', now(), $2::timestamptz
       FROM generate_series(1, 2) g RETURNING id`,
      [departmentId, msk('2026-02-19T12:00')],
    )) as { id: number }[];
    const [withHistory, withoutHistory] = leads.map((row) => row.id);
    await testApp.dataSource.query(
      `INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_at)
       VALUES ($1, 'draft', 'new', $2)`,
      [withHistory, msk('2026-02-20T16:00')],
    );
    // As the migration leaves them: started «now», asked to be read from the history.
    await testApp.dataSource.query(`UPDATE lead SET status_since = now() WHERE id = ANY($1)`, [
      [withHistory, withoutHistory],
    ]);
    await testApp.dataSource.query(
      `INSERT INTO app_setting (key, value) VALUES ('deadlines.backfill', 'lead:0') ON CONFLICT (key) DO UPDATE SET value = 'lead:0'`,
    );

    const deadlines = testApp.app.get(DeadlineService);
    expect(await deadlines.run()).toBe(true);
    const rows = (await testApp.dataSource.query(
      'SELECT id, status_since AS since, due_at AS due FROM lead WHERE id = ANY($1) ORDER BY id',
      [[withHistory, withoutHistory]],
    )) as { id: number; since: Date; due: Date }[];
    expect(rows.map((row) => [row.since.toISOString(), row.due.toISOString()])).toEqual([
      // Friday 16:00 + 4 working hours, over the weekend and the 23 February holiday.
      [msk('2026-02-20T16:00').toISOString(), msk('2026-02-24T11:00').toISOString()],
      // No status change recorded: since its creation, Thursday 12:00 → 16:00.
      [msk('2026-02-19T12:00').toISOString(), msk('2026-02-19T16:00').toISOString()],
    ]);
    expect(
      await testApp.dataSource.query(`SELECT value FROM app_setting WHERE key = 'deadlines.backfill'`),
    ).toEqual([]);
    expect(await deadlines.run()).toBe(false);
  });
});
