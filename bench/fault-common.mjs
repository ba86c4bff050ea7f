// What the fault scripts share: an embedded PostgreSQL that can be stopped and started again on the
// same data folder and port, a real SMTP server that can be stopped and started again on the same
// port and counts what it received by Message-ID, the built app as a process, and a load of leads
// on the public form (the API the form's script posts to and the plain form). Loopback only.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { SMTPServer } from 'smtp-server';

import { freePort, startApp as startBenchApp } from './common.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A number from the environment, or the default. */
export function setting(name, fallback) {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
}

/**
 * A throw-away embedded PostgreSQL in a temporary folder. `stop('fast')` is a clean restart's first
 * half (SIGINT: sessions terminated, 57P01); `stop('immediate')` is a crash (SIGQUIT: connections
 * cut, crash recovery at the next start). `start()` starts it again on the same folder and port.
 */
export async function restartableDatabase(name) {
  const { startEmbeddedPostgres } =
    await import('../dist/src/operations/embedded-postgres/embedded-postgres.js');
  const folder = await mkdtemp(path.join(os.tmpdir(), `kosino-crm-fault-${name}-`));
  await chmod(folder, 0o755); // as root, PostgreSQL runs as the user postgres
  const options = {
    dataDir: path.join(folder, 'pg'),
    port: await freePort(),
    database: 'kosino_fault',
    log: () => undefined,
    notice: () => undefined,
  };
  let server = await startEmbeddedPostgres(options);
  const postmasterPid = async () =>
    Number((await readFile(path.join(server.dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return {
    url: server.url,
    folder,
    async stop(mode = 'fast') {
      if (mode === 'fast') {
        await server.stop();
      } else {
        // The package's stop() waits for an exit it did not cause: watch the process instead.
        const pid = await postmasterPid();
        process.kill(pid, 'SIGQUIT');
        while (isAlive(pid)) await sleep(10);
      }
      server = undefined;
    },
    async start() {
      server = await startEmbeddedPostgres(options);
    },
    async close() {
      await server?.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A real SMTP server on a loopback port, counting each message it accepts by its Message-ID.
 * `stop()` closes it (connections still open get 421 within 0.2 s), `start()` listens again.
 */
export async function smtpServer() {
  const port = await freePort();
  const copies = new Map();
  let server;
  let accepted = 0;
  const self = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    /** Message-ID → how many times it arrived. */
    copies,
    get accepted() {
      return accepted;
    },
    up: false,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        closeTimeout: 200,
        // A reverse DNS lookup per connection stalls each mail on a machine without DNS.
        disableReverseLookup: true,
        onData(stream, _session, callback) {
          const chunks = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('end', () => {
            const header = Buffer.concat(chunks)
              .toString('utf8')
              .split(/\r?\n\r?\n/, 1)[0];
            const id = /^message-id:\s*(<[^>]+>)/im.exec(header)?.[1] ?? '(no Message-ID)';
            copies.set(id, (copies.get(id) ?? 0) + 1);
            accepted += 1;
            callback();
          });
        },
      });
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      self.up = true;
    },
    async stop() {
      self.up = false;
      const closing = server;
      server = undefined;
      if (closing) await new Promise((resolve) => closing.close(resolve));
    },
  };
  await self.start();
  return self;
}

/** The built app as a process (bench/common.mjs) with the fault scripts' settings: quiet, no intake limit. */
export function startApp(databaseUrl, folder, env) {
  return startBenchApp(databaseUrl, folder, {
    LOG_LEVEL: 'error',
    LEAD_INTAKE_PER_MINUTE: '100000000',
    ...env,
  });
}

/** Gives every department mailboxes (new-lead mail needs recipients) and returns an object type. */
export async function prepareMailboxes(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `UPDATE department SET manager_emails = ARRAY['managers.' || id || '@kosino.test'],
         head_email = 'head.' || id || '@kosino.test'`,
    );
    const { rows } = await client.query(`SELECT id FROM object_type ORDER BY id LIMIT 1`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/**
 * Leads posted by `connections` loops until `stop()`: three of four through `POST /api/leads` (the
 * form's script), one through the plain `POST /form`. Each carries a unique mark in «Дополнительные
 * данные», so it can be found in the database. `perSecond` paces the whole load (0: as fast as
 * answers come). Every answer is recorded with its time.
 */
export function leadLoad(base, { objectTypeId, connections, perSecond = 0, mark }) {
  const results = [];
  const started = performance.now();
  let next = 0;
  let running = true;
  const interval = perSecond > 0 ? 1000 / perSecond : 0;

  async function one(number) {
    const extra = `${mark}-${number}`;
    const viaForm = number % 4 === 3;
    const sentAt = performance.now() - started;
    const result = {
      number,
      extra,
      viaForm,
      sentAt,
      status: 0,
      answeredAt: 0,
      russian: false,
      retryAfter: false,
    };
    try {
      const response = viaForm
        ? await fetch(`${base}/form`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
            body: new URLSearchParams({
              name: 'Сбой Тестович',
              phone: '+7 495 123-45-67',
              objectTypeId: String(objectTypeId),
              extra,
              consent: 'on',
            }),
            redirect: 'manual',
          })
        : await fetch(`${base}/api/leads`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              name: 'Сбой Тестович',
              phone: '+74951234567',
              objectTypeId,
              extra,
              consent: true,
            }),
          });
      const body = await response.text();
      result.status = response.status;
      result.retryAfter = response.headers.has('retry-after');
      // A 503 must say why in Russian; the plain form must give the visitor's input back.
      result.russian = /недоступна/.test(body) && (!viaForm || body.includes(extra));
    } catch (error) {
      result.status = `network ${error.cause?.code ?? error.message}`;
    }
    result.answeredAt = performance.now() - started;
    results.push(result);
  }

  const loops = Array.from({ length: connections }, async () => {
    while (running) {
      const number = next++;
      const wait = started + number * interval - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) return;
      await one(number);
    }
  });
  return {
    results,
    elapsed: () => performance.now() - started,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Whether an answer accepted the lead: 201 from the API, 303 to the «sent» page from the plain form. */
export const accepted = (result) => result.status === 201 || result.status === 303;

/**
 * What the database holds for the load's leads: each lead's first status rows and its mail, by the
 * mark in «Дополнительные данные» ({ statusRows, messageId, state, attempts }), and the row count.
 */
export async function leadsInDatabase(databaseUrl, mark) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT l.extra, (SELECT count(*)::int FROM lead_status_change s WHERE s.lead_id = l.id) AS "statusRows",
              n.message_id AS "messageId", n.state::text AS state, n.attempts
       FROM lead l LEFT JOIN notification n ON n.lead_id = l.id
       WHERE l.extra LIKE $1`,
      [`${mark}-%`],
    );
    // A lead written twice for one request would show as more rows than marks.
    return { byMark: new Map(rows.map((row) => [row.extra, row])), rowCount: rows.length };
  } finally {
    await client.end();
  }
}

/** Waits until no mail of the load is pending any more (or the deadline passes); returns the wait in ms. */
export async function waitForMail(databaseUrl, mark, deadlineMs) {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS pending FROM notification n JOIN lead l ON l.id = n.lead_id
         WHERE l.extra LIKE $1 AND n.state = 'pending'`,
        [`${mark}-%`],
      );
      if (rows[0].pending === 0 || performance.now() - started > deadlineMs) break;
      await sleep(200);
    }
  } finally {
    await client.end();
  }
  return performance.now() - started;
}

/** Counts answers by kind: accepted (201/303), 503, and anything else by status. */
export function tally(results) {
  const counts = { accepted: 0, unavailable: 0, other: new Map() };
  for (const result of results) {
    if (accepted(result)) counts.accepted += 1;
    else if (result.status === 503) counts.unavailable += 1;
    else counts.other.set(result.status, (counts.other.get(result.status) ?? 0) + 1);
  }
  const otherTotal = [...counts.other.values()].reduce((sum, count) => sum + count, 0);
  const otherText =
    otherTotal === 0
      ? '0'
      : `${otherTotal} (${[...counts.other].map(([status, count]) => `${status}: ${count}`).join(', ')})`;
  return { ...counts, otherTotal, otherText };
}

/** Mails of the load as the SMTP server saw them: delivered, duplicates, missing. */
export function mailFigures(smtp, byMark) {
  const expected = [...byMark.values()].filter((row) => row.messageId).map((row) => row.messageId);
  let delivered = 0;
  let duplicates = 0;
  for (const id of expected) {
    const count = smtp.copies.get(id) ?? 0;
    if (count > 0) delivered += 1;
    if (count > 1) duplicates += count - 1;
  }
  return { notifications: expected.length, delivered, duplicates, missing: expected.length - delivered };
}

export const ms = (value) => `${Math.round(value)} ms`;
export const seconds = (value) => `${(value / 1000).toFixed(1)} s`;
