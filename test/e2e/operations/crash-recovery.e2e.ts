import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { moscowToday } from '../../../src/common/moscow-date.js';
import { weekBefore } from '../../../src/modules/report/report-periods.js';
import { lastRun } from '../../../src/modules/report/report.scheduler.js';
import { runApp, waitForOk, type AppProcess } from '../../helpers/app-process.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { freePort } from '../../setup/test-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the mail server takes to accept each message: long enough for a kill to land mid-batch. */
const ACCEPT_DELAY_MS = 150;
const LEADS = 40;
const COMMITTEE_CRON = '0 8 * * 1';
/**
 * The annual statistics fire on 29 February only: the year they cover always ended before the
 * installation the report test sets (last week), so no run makes them.
 */
const ANNUAL_CRON = '0 8 29 2 *';

interface Received {
  messageId: string;
  subject: string;
  text: string;
  attachments: number;
  /** Accepted before the app was started again. */
  beforeRestart: boolean;
}

/** A real SMTP server on loopback that takes its time over each message's DATA, and keeps what it accepted. */
class SlowSmtp {
  readonly received: Received[] = [];
  /** Messages whose DATA arrived and are waiting for the delay to pass. */
  inFlight = 0;
  restarted = false;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      this.inFlight += 1;
      simpleParser(stream)
        .then(async (mail) => {
          await sleep(ACCEPT_DELAY_MS);
          // Accepted even when the sender is gone meanwhile: a real server would deliver it too.
          this.received.push({
            messageId: mail.messageId ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            attachments: mail.attachments.length,
            beforeRestart: !this.restarted,
          });
          callback();
        })
        .catch(callback)
        .finally(() => (this.inFlight -= 1));
    },
  });

  constructor(readonly port: number) {
    // A sender killed mid-conversation resets the connection: expected here.
    this.server.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** How many times each Message-ID arrived. */
  copies(): Map<string, number> {
    const copies = new Map<string, number>();
    for (const mail of this.received) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
    return copies;
  }
}

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

interface OutboxRow {
  id: string;
  leadId: number | null;
  reportId: number | null;
  messageId: string;
  state: string;
  claimed: boolean;
}

/**
 * The app process killed with SIGKILL (no shutdown hooks, no «finally») in the middle of sending
 * mail and in the middle of building a report, then started again: nothing is lost, and a message
 * goes twice only when the mail server had accepted it before the kill but the app had not yet
 * recorded it — and then with the same Message-ID.
 */
describe('the app killed mid-work and started again', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-crash-'));
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function setUp(reportSchedule: 'on' | 'off') {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const smtp = new SlowSmtp(await freePort());
    await smtp.start();
    cleanups.push(() => smtp.stop());
    await database.dataSource.query(
      `UPDATE department SET manager_emails = ARRAY['managers.' || id || '@kosino.test'],
         committee_emails = ARRAY['committee.' || id || '@kosino.test']`,
    );
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFICATION_POLL_MS: '50',
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_RETRY_MAX_MS: '300',
      LEAD_INTAKE_PER_MINUTE: '1000',
      REPORT_SCHEDULE: reportSchedule,
      // The overdue reminders would add mails to the counted ones.
      REMINDER_SCHEDULE: 'off',
      REPORT_COMMITTEE_CRON: COMMITTEE_CRON,
      REPORT_ANNUAL_CRON: ANNUAL_CRON,
      ADMIN_PASSWORD: 'crash-recovery-password',
      MAIL_DIR: path.join(scratch, `mail-${port}`),
      UPLOAD_DIR: path.join(scratch, `uploads-${port}`),
      LOG_LEVEL: 'warn',
    };
    const apps: AppProcess[] = [];
    const start = () => {
      const app = runApp(env);
      apps.push(app);
      cleanups.push(() => app.stop());
      return app;
    };
    const kill = async (app: AppProcess) => {
      app.child.kill('SIGKILL');
      await app.exited;
      // What reached the mail server before the kill may still be accepted: let it.
      await until('the mail server to finish what it was given', () => smtp.inFlight === 0);
    };
    const outbox = async () =>
      (await database.dataSource.query(
        `SELECT id, lead_id AS "leadId", report_id AS "reportId", message_id AS "messageId", state::text AS state,
                locked_until > now() AS claimed
         FROM notification ORDER BY id`,
      )) as OutboxRow[];
    return { database, smtp, start, kill, outbox, health: `http://127.0.0.1:${port}/health` };
  }

  /**
   * After the restart: every message not held by the dead instance's claim is sent by the new one;
   * the held ones wait (another instance might still be sending them) until the claim runs out —
   * 60 s, which the test does not sit through: it ends the dead instance's claims itself.
   */
  async function finishAfterRestart(context: Awaited<ReturnType<typeof setUp>>, held: OutboxRow[]) {
    const heldIds = held.map((row) => row.id);
    await until('the new instance to send every message nobody holds', async () =>
      (await context.outbox()).every((row) => row.state === 'sent' || heldIds.includes(row.id)),
    );
    const stillHeld = (await context.outbox()).filter((row) => heldIds.includes(row.id));
    expect(stillHeld.every((row) => row.state === 'pending' && row.claimed)).toBe(true);
    await context.database.dataSource.query(
      `UPDATE notification SET locked_until = now() WHERE id = ANY($1::bigint[])`,
      [heldIds],
    );
    await until('every message to be sent', async () =>
      (await context.outbox()).every((row) => row.state === 'sent'),
    );
    await sleep(300); // nothing more arrives
  }

  /** Each outbox row arrived at least once; a second copy only of a message accepted before the kill. */
  function expectDeliveredOnce(smtp: SlowSmtp, rows: OutboxRow[], held: OutboxRow[]) {
    const copies = smtp.copies();
    expect([...copies.keys()].sort()).toEqual(rows.map((row) => row.messageId).sort());
    const acceptedBeforeRestart = new Set(
      smtp.received.filter((mail) => mail.beforeRestart).map((mail) => mail.messageId),
    );
    const resent = held.filter((row) => acceptedBeforeRestart.has(row.messageId)).map((row) => row.messageId);
    const duplicated = [...copies].filter(([, count]) => count > 1).map(([messageId]) => messageId);
    expect(duplicated.sort()).toEqual(resent.sort());
    expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
    return duplicated;
  }

  it(`sends each of ${LEADS} lead mails after a kill mid-batch; a copy goes twice only when accepted unrecorded, with the same Message-ID`, async () => {
    const context = await setUp('off');
    const { database, smtp } = context;
    const first = context.start();
    await waitForOk(first, context.health);
    const [{ id: objectTypeId }] = (await database.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'Аптека'`,
    )) as { id: number }[];

    const answers = await Promise.all(
      Array.from({ length: LEADS }, (_unused, index) =>
        fetch(`${context.health.replace('/health', '')}/api/leads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Иван Петров',
            phone: '+74952302772',
            objectTypeId,
            extra: `Заявка ${index}`,
            consent: true,
          }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));

    // Killed while a batch is on its way to the mail server: a message is in the server's hands, so
    // its claim cannot have been recorded yet (on a loaded machine the app could otherwise finish a
    // batch between two looks and leave nothing held).
    await until(
      'a few mails to arrive, one more on its way',
      () => smtp.received.length >= 8 && smtp.inFlight > 0,
    );
    await context.kill(first);
    const afterKill = await context.outbox();
    expect(afterKill).toHaveLength(LEADS);
    const held = afterKill.filter((row) => row.state === 'pending' && row.claimed);
    expect(held.length).toBeGreaterThan(0);
    expect(afterKill.some((row) => row.state === 'pending' && !row.claimed)).toBe(true);

    smtp.restarted = true;
    const second = context.start();
    await waitForOk(second, context.health);
    await finishAfterRestart(context, held);

    const rows = await context.outbox();
    expect(rows.map((row) => row.state)).toEqual(rows.map(() => 'sent'));
    const duplicated = expectDeliveredOnce(smtp, rows, held);
    // A lead's mail sent twice is the same message: one Message-ID per lead, every lead mailed.
    const idsByLead = new Map<string, Set<string>>();
    for (const mail of smtp.received) {
      const lead = /Дополнительные данные: (Заявка \d+)/.exec(mail.text)?.[1] ?? '';
      idsByLead.set(lead, (idsByLead.get(lead) ?? new Set()).add(mail.messageId));
    }
    expect(idsByLead.size).toBe(LEADS);
    expect([...idsByLead.values()].every((ids) => ids.size === 1)).toBe(true);
    process.stdout.write(
      `crash mid-mail: ${LEADS} leads, ${smtp.received.filter((mail) => mail.beforeRestart).length} mails accepted before the kill, ` +
        `${held.length} held by the killed instance, ${duplicated.length} sent twice (same Message-ID: ${duplicated.join(', ')}), 0 lost\n`,
    );
    expect(await second.stop()).toBe(0);
  }, 180_000);

  it('makes a report killed mid-build exactly once after the restart, with its PDF, and mails each report once', async () => {
    const context = await setUp('on');
    const { database, smtp } = context;
    // Installed at the start of last week's period: the start-up catch-up makes exactly that
    // week's committee reports (and no older ones).
    const period = weekBefore(moscowToday(lastRun(COMMITTEE_CRON, new Date())!));
    await database.dataSource.query(
      `UPDATE department SET created_at = ($1 || 'T00:00:00+03')::timestamptz`,
      [period.start],
    );
    const departments = (await database.dataSource.query(`SELECT id FROM department ORDER BY id`)) as {
      id: number;
    }[];
    // Enough of last week's leads that each report takes a moment to build.
    await database.dataSource.query(
      `INSERT INTO lead (status, source, name, phone, object_type_id, department_id, submitted_at, consent_text_version, consent_at)
       SELECT 'new', 'form', 'Лид ' || n, '+74952302772', o.id, o.department_id, t, '1', t
       FROM generate_series(1, 3000) n
       CROSS JOIN LATERAL (SELECT id, department_id FROM object_type ORDER BY id OFFSET n % 5 LIMIT 1) o
       CROSS JOIN LATERAL (SELECT ($1::date + (n % 7)) + time '12:00' AS t) s`,
      [period.start],
    );
    const state = async () =>
      (
        (await database.dataSource.query(
          `SELECT (SELECT count(*) FROM report)::int AS made,
                  EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                          WHERE c.relname = 'report' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()
                            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS building`,
        )) as { made: number; building: boolean }[]
      )[0];

    // The catch-up at start builds the reports one after another: killed while the second is built.
    const started = Date.now();
    const first = context.start();
    let seen = await state();
    while (!(seen.made >= 1 && seen.building)) {
      if (seen.made === departments.length || Date.now() - started > 30_000 || first.child.exitCode !== null)
        throw new Error(`Missed the moment to kill: ${JSON.stringify(seen)}\n${first.output()}`);
      await sleep(5);
      seen = await state();
    }
    await context.kill(first);
    const madeBeforeKill = (await state()).made;
    expect(madeBeforeKill).toBeLessThan(departments.length);
    const held = (await context.outbox()).filter((row) => row.state === 'pending' && row.claimed);

    smtp.restarted = true;
    const second = context.start();
    await waitForOk(second, context.health);
    await until('every committee report', async () => (await state()).made === departments.length);
    await finishAfterRestart(context, held);

    const reports = (await database.dataSource.query(
      `SELECT r.kind::text AS kind, r.department_id AS "departmentId", r.period_start::text AS start,
              r.period_end::text AS end, substr(f.content, 1, 5) AS head,
              (SELECT count(*) FROM notification n WHERE n.report_id = r.id)::int AS mails
       FROM report r LEFT JOIN report_file f ON f.report_id = r.id ORDER BY r.department_id`,
    )) as { kind: string; departmentId: number; start: string; end: string; head: Buffer; mails: number }[];
    expect(reports.map((report) => ({ ...report, head: report.head?.toString('latin1') }))).toEqual(
      departments.map((department) => ({
        kind: 'committee',
        departmentId: department.id,
        start: period.start,
        end: period.end,
        head: '%PDF-',
        mails: 1,
      })),
    );
    const rows = await context.outbox();
    expect(rows.map((row) => row.state)).toEqual(rows.map(() => 'sent'));
    const duplicated = expectDeliveredOnce(smtp, rows, held);
    expect(smtp.received.every((mail) => mail.attachments === 1)).toBe(true);
    process.stdout.write(
      `crash mid-report: ${departments.length} reports, ${madeBeforeKill} made before the kill, ` +
        `${departments.length} after the restart (one each), ${duplicated.length} report mails sent twice, 0 lost\n`,
    );
    expect(await second.stop()).toBe(0);
  }, 180_000);
});
