// `npm run fault:db-restart`: PostgreSQL restarted in the middle of a load on the public form. The
// app (the built app as a process) keeps running; while the database is away it must answer 503
// with a Russian message and Retry-After, recover by itself within seconds of the database's
// return, and every lead it accepted (201 from the API, 303 from the plain form) must be in the
// database with its status row and its mail — delivered to a real SMTP server, counted by Message-ID.
// FAULT_DB_STOP=immediate cuts PostgreSQL off as a crash does (SIGQUIT) instead of a clean fast stop.

import {
  accepted,
  leadLoad,
  leadsInDatabase,
  mailFigures,
  ms,
  prepareMailboxes,
  restartableDatabase,
  seconds,
  setting,
  sleep,
  smtpServer,
  startApp,
  tally,
  waitForMail,
} from './fault-common.mjs';
import { logIn } from './common.mjs';

const warmupMs = setting('FAULT_WARMUP_SECONDS', 3) * 1000;
const downMs = setting('FAULT_DB_DOWN_SECONDS', 5) * 1000;
const afterMs = setting('FAULT_AFTER_SECONDS', 5) * 1000;
const connections = setting('FAULT_CONNECTIONS', 16);
// Leads per second (0: as fast as the answers come). The mail goes out one SMTP session at a time
// (≈ 10 a second against smtp-server, whose greeting waits 100 ms): the default keeps the outbox
// drained in about a minute after the load.
const perSecond = setting('FAULT_RATE', 50);
const stopMode = process.env.FAULT_DB_STOP === 'immediate' ? 'immediate' : 'fast';
const adminPassword = 'fault-db-restart-password';

const database = await restartableDatabase('db-restart');
const smtp = await smtpServer();
let app;
try {
  app = await startApp(database.url, database.folder, {
    SMTP_URL: smtp.url,
    ADMIN_PASSWORD: adminPassword,
  });
  const objectTypeId = await prepareMailboxes(database.url);
  const cookie = await logIn(app.base, 'admin@kosino.local', adminPassword);
  const mark = `fault-db-${Date.now()}`;

  const load = leadLoad(app.base, { objectTypeId, connections, perSecond, mark });
  await sleep(warmupMs);
  const stopAt = load.elapsed();
  await database.stop(stopMode);
  const downAt = load.elapsed();
  await sleep(Math.min(1000, downMs));
  const probes = await probe(app.base, cookie);
  await sleep(Math.max(0, downMs - 1000));
  const startAt = load.elapsed();
  await database.start();
  const upAt = load.elapsed();
  await sleep(afterMs);
  await load.stop();
  const appSurvived = app.alive();

  // Mail claimed before the stop and sent while it was down is taken again when its claim (60 s) expires.
  const mailWaitMs = await waitForMail(database.url, mark, Math.max(180_000, load.results.length * 200));
  await sleep(1000); // a late second copy would arrive meanwhile
  const { byMark, rowCount } = await leadsInDatabase(database.url, mark);

  const results = load.results;
  const firstOkAfterUp = results
    .filter((result) => accepted(result) && result.answeredAt >= upAt)
    .reduce((first, result) => Math.min(first, result.answeredAt), Infinity);
  const lastRefusal = results
    .filter((result) => result.status === 503)
    .reduce((last, result) => Math.max(last, result.answeredAt), upAt);
  const during = results.filter(
    (result) => result.answeredAt >= stopAt && result.answeredAt <= firstOkAfterUp,
  );
  const all = tally(results);
  const fault = tally(during);
  const refusals = results.filter((result) => result.status === 503);
  const acceptedMarks = results.filter(accepted).map((result) => result.extra);
  const lost = acceptedMarks.filter((extra) => !byMark.has(extra));
  const withoutStatus = acceptedMarks.filter(
    (extra) => byMark.get(extra) && byMark.get(extra).statusRows !== 1,
  );
  const withoutMail = acceptedMarks.filter((extra) => byMark.get(extra) && !byMark.get(extra).messageId);
  const acceptedSet = new Set(acceptedMarks);
  const writtenUnacknowledged = [...byMark.keys()].filter((extra) => !acceptedSet.has(extra)).length;
  const mail = mailFigures(smtp, byMark);
  const sent = [...byMark.values()].filter((row) => row.state === 'sent').length;

  const line = (label, value) => process.stdout.write(`  ${label.padEnd(58)} ${value}\n`);
  process.stdout.write(
    `PostgreSQL ${stopMode === 'fast' ? 'fast stop (SIGINT) and start' : 'crash (SIGQUIT) and start'} under load: ` +
      `${connections} connections, ${perSecond > 0 ? `${perSecond} leads/s` : 'unpaced'} on the public form ` +
      `(3/4 POST /api/leads, 1/4 plain POST /form), ` +
      `${seconds(load.elapsed())} in all\n`,
  );
  line('database stopping → stopped', ms(downAt - stopAt));
  line('database away (stop begun → accepting again)', ms(upAt - stopAt));
  line('database start (crash recovery included)', ms(upAt - startAt));
  line(
    'requests in all',
    `${results.length}: accepted ${all.accepted}, 503 ${all.unavailable}, other ${all.otherText}`,
  );
  line(
    'requests during the fault (stop → first acceptance)',
    `${during.length}: accepted ${fault.accepted}, 503 ${fault.unavailable}, other ${fault.otherText}`,
  );
  line(
    '503 answers with the Russian message and Retry-After',
    `${refusals.filter((result) => result.russian && result.retryAfter).length} of ${refusals.length}`,
  );
  line('first acceptance after the database is back', `+${ms(firstOkAfterUp - upAt)}`);
  line('last 503 after the database is back', lastRefusal > upAt ? `+${ms(lastRefusal - upAt)}` : 'none');
  line(
    'probes while away: GET /form, /health, AdminJS list (session)',
    probes.map((p) => `${p.status}${p.note}`).join(', '),
  );
  line('the app process', appSurvived ? 'kept running (never restarted)' : 'EXITED');
  line(
    'leads accepted → found in the database',
    `${acceptedMarks.length} → ${acceptedMarks.length - lost.length} (lost: ${lost.length})`,
  );
  line(
    '  … without their status row / without their mail',
    `${withoutStatus.length} / ${withoutMail.length}`,
  );
  line('  … leads written whose answer was not an acceptance', String(writtenUnacknowledged));
  line('  … rows per request (a lead written twice would show)', `${rowCount} rows, ${byMark.size} requests`);
  line(
    'mails: notifications → delivered (unique Message-ID)',
    `${mail.notifications} → ${mail.delivered} (missing ${mail.missing}, sent state ${sent}); waited ${seconds(mailWaitMs)}`,
  );
  line('duplicate deliveries (same Message-ID again)', String(mail.duplicates));
  if (mail.duplicates > 0) {
    process.stdout.write(
      '  (mail sent while the database was away could not be recorded as sent; its claim expired and it went\n' +
        '   again with the same Message-ID, which mail clients show once)\n',
    );
  }
  const ok =
    appSurvived &&
    lost.length === 0 &&
    withoutStatus.length === 0 &&
    withoutMail.length === 0 &&
    mail.missing === 0 &&
    all.otherTotal === 0 &&
    Number.isFinite(firstOkAfterUp);
  process.stdout.write(ok ? 'OK\n' : 'FAILED\n');
  process.exitCode = ok ? 0 : 1;
} finally {
  await app?.stop();
  await smtp.stop();
  await database.close();
}

/** What a visitor, a monitor and a logged-in manager see while the database is away. */
async function probe(base, cookie) {
  const form = await fetch(`${base}/form`, { headers: { accept: 'text/html' } });
  const formBody = await form.text();
  const health = await fetch(`${base}/health`);
  await health.text();
  const admin = await fetch(`${base}/admin/api/resources/Lead/actions/list`, { headers: { cookie } });
  const adminBody = await admin.text();
  return [
    {
      status: form.status,
      note: /недоступна/.test(formBody) && /<form/.test(formBody) ? ' (form + message)' : '',
    },
    { status: health.status, note: '' },
    { status: admin.status, note: /недоступна/.test(adminBody) ? ' (Russian message)' : '' },
  ];
}
