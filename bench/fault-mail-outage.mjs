// `npm run fault:mail-outage`: the mail server down for minutes while leads keep arriving on the
// public form, then back. The form must keep accepting leads (the mail waits in the outbox), and
// every lead's mail must reach the (real, restarted) SMTP server exactly once, counted by Message-ID.
// The app runs with its default retry schedule (NOTIFICATION_RETRY_BASE_MS 2 s doubling up to
// NOTIFICATION_RETRY_MAX_MS 5 min) unless FAULT_RETRY_MAX_MS is given.

import {
  accepted,
  leadLoad,
  leadsInDatabase,
  mailFigures,
  prepareMailboxes,
  seconds,
  setting,
  sleep,
  smtpServer,
  startApp,
  tally,
  waitForMail,
} from './fault-common.mjs';
import { scratchDatabase } from './common.mjs';

const warmupMs = setting('FAULT_WARMUP_SECONDS', 5) * 1000;
const downMs = setting('FAULT_MAIL_DOWN_SECONDS', 120) * 1000;
const afterMs = setting('FAULT_AFTER_SECONDS', 10) * 1000;
const perSecond = setting('FAULT_RATE', 5);
const connections = setting('FAULT_CONNECTIONS', 4);
const retryMaxMs = process.env.FAULT_RETRY_MAX_MS;

const database = await scratchDatabase('mail-outage');
const smtp = await smtpServer();
let app;
try {
  app = await startApp(database.url, database.folder, {
    SMTP_URL: smtp.url,
    ...(retryMaxMs ? { NOTIFICATION_RETRY_MAX_MS: retryMaxMs } : {}),
  });
  const objectTypeId = await prepareMailboxes(database.url);
  const mark = `fault-mail-${Date.now()}`;

  const load = leadLoad(app.base, { objectTypeId, connections, perSecond, mark });
  await sleep(warmupMs);
  const downAt = load.elapsed();
  const deliveredBefore = smtp.accepted;
  await smtp.stop();
  await sleep(downMs);
  const upAt = load.elapsed();
  await smtp.start();
  await sleep(afterMs);
  await load.stop();
  const appSurvived = app.alive();

  const mailWaitMs = await waitForMail(database.url, mark, Math.max(600_000, load.results.length * 200));
  const drainedAt = load.elapsed();
  await sleep(2000); // a late second copy would arrive meanwhile
  const { byMark, rowCount } = await leadsInDatabase(database.url, mark);

  const results = load.results;
  const during = results.filter((result) => result.answeredAt >= downAt && result.answeredAt <= upAt);
  const all = tally(results);
  const fault = tally(during);
  const acceptedMarks = results.filter(accepted).map((result) => result.extra);
  const lost = acceptedMarks.filter((extra) => !byMark.has(extra));
  const withoutMail = acceptedMarks.filter((extra) => byMark.get(extra) && !byMark.get(extra).messageId);
  const mail = mailFigures(smtp, byMark);
  const rows = [...byMark.values()];
  const sent = rows.filter((row) => row.state === 'sent').length;
  const attempts = rows.map((row) => row.attempts ?? 0);
  const retried = attempts.filter((count) => count > 1).length;

  const line = (label, value) => process.stdout.write(`  ${label.padEnd(58)} ${value}\n`);
  process.stdout.write(
    `Mail server down for ${seconds(downMs)} under a load of ${perSecond} leads/s on the public form ` +
      `(3/4 POST /api/leads, 1/4 plain POST /form; retries up to ${retryMaxMs ? `${retryMaxMs} ms` : 'the default 5 min'} apart)\n`,
  );
  line(
    'requests in all',
    `${results.length}: accepted ${all.accepted}, 503 ${all.unavailable}, other ${all.otherText}`,
  );
  line(
    'requests while the mail server was down',
    `${during.length}: accepted ${fault.accepted}, 503 ${fault.unavailable}, other ${fault.otherText}`,
  );
  line('mails delivered before the outage', String(deliveredBefore));
  line('the app process', appSurvived ? 'kept running' : 'EXITED');
  line(
    'leads accepted → found with their mail',
    `${acceptedMarks.length} → ${acceptedMarks.length - lost.length - withoutMail.length} (lost: ${lost.length}, without mail: ${withoutMail.length}; ${rowCount} rows)`,
  );
  line('mails retried (more than one attempt) / most attempts', `${retried} / ${Math.max(0, ...attempts)}`);
  line(
    'mails: notifications → delivered (unique Message-ID)',
    `${mail.notifications} → ${mail.delivered} (missing ${mail.missing}, sent state ${sent})`,
  );
  line('duplicate deliveries (same Message-ID again)', String(mail.duplicates));
  line('mail server back → the last mail delivered', seconds(drainedAt - upAt));
  line('  … of which after the load ended', seconds(mailWaitMs));
  const ok =
    appSurvived &&
    lost.length === 0 &&
    withoutMail.length === 0 &&
    mail.missing === 0 &&
    mail.duplicates === 0 &&
    all.accepted === results.length;
  process.stdout.write(ok ? 'OK\n' : 'FAILED\n');
  process.exitCode = ok ? 0 : 1;
} finally {
  await app?.stop();
  await smtp.stop();
  await database.stop();
}
