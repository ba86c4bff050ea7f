import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressObject, ParsedMail } from 'mailparser';

import { NotificationDispatcher } from '../../../src/modules/notification/notification.dispatcher.js';
import { NotificationService } from '../../../src/modules/notification/notification.service.js';
import { ReportScheduler } from '../../../src/modules/report/report.scheduler.js';
import { ReportService } from '../../../src/modules/report/report.service.js';
import { pdfText } from '../../helpers/pdf-text.js';
import { seedReportFixture } from '../../helpers/report-fixture.js';
import { SmtpCatcher } from '../../helpers/smtp-catcher.js';
import { startServices, type TestServices } from '../../helpers/test-services.js';
import { until } from '../../helpers/until.js';
import { createUser } from '../../helpers/users.js';
import { freePort } from '../../setup/test-server.js';

/** Monday 23.11.2026, 08:00 in Moscow: the committee run for the week 16–22.11. */
const MONDAY_RUN = new Date('2026-11-23T05:00:00Z');

const recipients = (mail: ParsedMail) =>
  ([] as AddressObject[])
    .concat(mail.to ?? [])
    .flatMap((group) => group.value.map((address) => address.address))
    .sort();

describe('the report schedule: every department’s committee report and the annual statistics, once each', () => {
  let testApp: TestServices;
  let smtp: SmtpCatcher;
  let scheduler: ReportScheduler;
  let departments: { id: number; name: string; email: string }[];

  const reports = async () =>
    (await testApp.dataSource.query(
      `SELECT kind::text AS kind, department_id AS "departmentId", period_start::text AS start, period_end::text AS end
       FROM report ORDER BY kind, department_id, period_start`,
    )) as { kind: string; departmentId: number | null; start: string; end: string }[];
  const reportMails = async () =>
    Number(
      (
        (await testApp.dataSource.query(
          `SELECT count(*) AS count FROM notification WHERE kind = 'report'`,
        )) as {
          count: string;
        }[]
      )[0].count,
    );

  beforeAll(async () => {
    smtp = new SmtpCatcher(await freePort());
    await smtp.start();
    testApp = await startServices({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFICATION_POLL_MS: '50' });
    scheduler = testApp.app.get(ReportScheduler);
    // For UPDATE … RETURNING, TypeORM's PostgreSQL driver answers [rows, affected count].
    [departments] = (await testApp.dataSource.query(
      `UPDATE department SET committee_emails = ARRAY['committee-' || id || '@kosino.test']
       RETURNING id, name, 'committee-' || id || '@kosino.test' AS email`,
    )) as [{ id: number; name: string; email: string }[], number];
    // The CRM has been in use since 2024 (the schedule skips periods before its installation).
    await testApp.dataSource.query(`UPDATE department SET created_at = '2024-01-10'`);
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Мария Тестова' });
    await seedReportFixture(testApp.dataSource, manager.id);
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
    await smtp?.stop();
  });

  it('on Monday at 08:00 makes one report per department for the previous week and the previous year’s statistics, even when run twice at once', async () => {
    const [first, second] = await Promise.all([scheduler.runDue(MONDAY_RUN), scheduler.runDue(MONDAY_RUN)]);
    expect(first).toBe(departments.length + 1);
    expect(second).toBe(departments.length + 1);
    expect(await reports()).toEqual([
      { kind: 'annual', departmentId: null, start: '2025-01-01', end: '2025-12-31' },
      ...departments
        .map((department) => department.id)
        .sort((a, b) => a - b)
        .map((departmentId) => ({ kind: 'committee', departmentId, start: '2026-11-16', end: '2026-11-22' })),
    ]);
  }, 180_000);

  it('mails each report once to its committee with the PDF attached', async () => {
    const mails = await smtp.waitFor(departments.length + 1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing more arrives
    expect(mails).toHaveLength(departments.length + 1);
    for (const department of departments) {
      const mail = mails.find((candidate) => candidate.subject?.includes(department.name));
      expect(mail?.subject).toBe(
        `Отчёт для оперативного совещания: ${department.name}, 16.11.2026 — 22.11.2026`,
      );
      expect(recipients(mail!)).toEqual([department.email]);
      expect(mail!.attachments).toHaveLength(1);
      expect(mail!.attachments[0].contentType).toBe('application/pdf');
      expect(mail!.attachments[0].filename).toMatch(/^Отчёт для оперативного совещания, .+\.pdf$/);
      expect(await pdfText(mail!.attachments[0].content)).toContain(
        `${department.name} · период 16.11.2026 — 22.11.2026`,
      );
    }
    const annual = mails.find((mail) => mail.subject?.startsWith('Годовая статистика'));
    expect(annual?.subject).toBe('Годовая статистика по работе с компаниями: все департаменты, 2025 год');
    expect(recipients(annual!)).toEqual(departments.map((department) => department.email).sort());
    expect(await pdfText(annual!.attachments[0].content)).toContain('2025 год · сравнение с 2024 годом');
  }, 180_000);

  it('makes and mails nothing more when the same run comes again', async () => {
    const before = await reports();
    await scheduler.runDue(new Date(MONDAY_RUN.getTime() + 3_600_000));
    expect(await reports()).toEqual(before);
    expect(await reportMails()).toBe(departments.length + 1);
  });

  it('makes up a Monday run missed while the app was down at its next start', async () => {
    // The app was down all Monday 30.11; it starts on Wednesday.
    await scheduler.runDue(new Date('2026-12-02T09:00:00Z'));
    const next = (await reports()).filter((report) => report.start === '2026-11-23');
    expect(next).toHaveLength(departments.length);
    expect(next.every((report) => report.end === '2026-11-29')).toBe(true);
    expect(await reportMails()).toBe(2 * departments.length + 1);
    await smtp.waitFor(2 * departments.length + 1);
  }, 180_000);

  it('makes no report of a period that ended before the CRM was installed', async () => {
    // Installed on Monday 21.12.2026 at 03:00 Moscow time; the 08:00 run looks at the week before.
    await testApp.dataSource.query(`UPDATE department SET created_at = '2026-12-21T03:00:00+03'`);
    const before = (await reports()).length;
    try {
      expect(await scheduler.runDue(new Date('2026-12-21T05:00:00Z'))).toBe(0);
      expect((await reports()).length).toBe(before);
    } finally {
      await testApp.dataSource.query(`UPDATE department SET created_at = '2024-01-10'`);
    }
  });

  it('does not run before the time: on Monday 07:59 the newest week is the one already made', async () => {
    const before = (await reports()).length;
    await scheduler.runDue(new Date('2026-12-07T04:59:00Z'));
    expect((await reports()).length).toBe(before);
  });

  it('keeps a report mail without recipients waiting with a Russian reason, and sends it to the committee named later', async () => {
    const department = departments[0];
    await testApp.dataSource.query(`UPDATE department SET committee_emails = '{}' WHERE id = $1`, [
      department.id,
    ]);
    const delivered = smtp.messages.length;
    await scheduler.runDue(new Date('2026-12-07T05:00:00Z'));
    const waiting = async () =>
      (
        (await testApp.dataSource.query(
          `SELECT n.id, n.report_id AS "reportId", n.state::text AS state, n.last_error AS "lastError"
         FROM notification n JOIN report r ON r.id = n.report_id
         WHERE r.department_id = $1 AND r.period_start = '2026-11-30'`,
          [department.id],
        )) as { id: string; reportId: number; state: string; lastError: string | null }[]
      )[0];
    expect(await until(waiting, (row) => Boolean(row.lastError))).toMatchObject({
      state: 'pending',
      lastError:
        'Ждёт получателей: у департамента не указаны получатели отчётов комитета. Письмо уйдёт само в течение минуты после того, как они будут указаны.',
    });
    await smtp.waitFor(delivered + departments.length - 1);

    await testApp.dataSource.query(
      `UPDATE department SET committee_emails = ARRAY['new.committee@kosino.test'] WHERE id = $1`,
      [department.id],
    );
    // Saving a department looks at the waiting mail at once (otherwise within half a minute).
    await testApp.app.get(NotificationService).recheckWaiting();
    testApp.app.get(NotificationDispatcher).kick();
    const mails = await smtp.waitFor(delivered + departments.length);
    const late = mails.find((mail) => recipients(mail).includes('new.committee@kosino.test'));
    expect(late?.subject).toBe(
      `Отчёт для оперативного совещания: ${department.name}, 30.11.2026 — 06.12.2026`,
    );
    // The mail server has the message before the dispatcher records it as sent.
    expect((await until(waiting, (row) => row.state === 'sent')).state).toBe('sent');
  }, 180_000);

  it('makes every weekly run of the last five that is missing, oldest first, in one catch-up', async () => {
    const before = await reports();
    await scheduler.catchUp(new Date('2026-12-22T06:00:00Z'));
    const added = (await reports()).filter(
      (report) =>
        !before.some((old) => old.departmentId === report.departmentId && old.start === report.start),
    );
    expect(added.map((report) => `${report.departmentId}:${report.start}`).sort()).toEqual(
      departments
        .flatMap((department) => [`${department.id}:2026-12-07`, `${department.id}:2026-12-14`])
        .sort(),
    );
  }, 180_000);

  it('rebuilds before mailing a report that was made on request before its period ended', async () => {
    const service = testApp.app.get(ReportService);
    // An administrator looked at 2027 on 30 June; the schedule sends 2027's statistics on 2 January 2028.
    const early = await service.ensure(
      { kind: 'annual', departmentId: null, period: { start: '2027-01-01', end: '2027-12-31' } },
      { origin: 'demand', deliver: false, now: new Date('2027-06-30T09:00:00Z') },
    );
    await scheduler.runAnnual(new Date('2028-01-02T05:00:00Z'));
    const [row] = (await testApp.dataSource.query(
      `SELECT r.origin::text AS origin, r.generated_at AS "generatedAt", n.subject
       FROM report r JOIN notification n ON n.report_id = r.id WHERE r.id = $1`,
      [early],
    )) as { origin: string; generatedAt: Date; subject: string }[];
    expect(row).toEqual({
      origin: 'schedule',
      generatedAt: new Date('2028-01-02T05:00:00Z'),
      subject: 'Годовая статистика по работе с компаниями: все департаменты, 2027 год',
    });
  }, 180_000);

  it('queues one mail when several instances deliver a report that exists unmailed', async () => {
    const service = testApp.app.get(ReportService);
    const key = {
      kind: 'committee' as const,
      departmentId: departments[1].id,
      period: { start: '2026-10-05', end: '2026-10-11' },
    };
    const id = await service.ensure(key, { origin: 'demand', deliver: false, now: MONDAY_RUN });
    const ids = await Promise.all(
      [1, 2, 3].map(() => service.ensure(key, { origin: 'schedule', deliver: true, now: MONDAY_RUN })),
    );
    expect(ids).toEqual([id, id, id]);
    const [{ count }] = (await testApp.dataSource.query(
      'SELECT count(*)::int AS count FROM notification WHERE report_id = $1',
      [id],
    )) as { count: number }[];
    expect(count).toBe(1);
  }, 180_000);
});
