import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * The one configuration object, built from environment variables at boot.
 * Defaults make `npm start` work on a fresh machine; a bad value stops the boot with a clear message.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'ожидается true или false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
  error: 'ожидается адрес вида postgres://user:password@host:5432/database',
});

const port = z.coerce
  .number({ error: 'ожидается номер порта' })
  .int()
  .min(1, 'порт от 1 до 65535')
  .max(65535, 'порт от 1 до 65535');

const positiveInt = z.coerce
  .number({ error: 'ожидается целое число' })
  .int()
  .positive('ожидается число больше 0');

/** A cron expression (minute hour day month weekday), read in Moscow time. */
const cronExpression = z.string().refine(
  (value) => {
    try {
      CronExpressionParser.parse(value, { tz: 'Europe/Moscow' });
      return value.trim().split(/\s+/).length === 5;
    } catch {
      return false;
    }
  },
  { error: 'ожидается cron-выражение из пяти полей, например «0 8 * * 1»' },
);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url({ error: 'ожидается адрес вида http://crm.example.ru' }).optional(),
  DATABASE_URL: postgresUrl.optional(),
  DB_POOL_SIZE: positiveInt.default(10),
  PG_DATA_DIR: z.string().min(1).default('var/pg'),
  EMBEDDED_PG_PORT: port.default(54329),
  ADMIN_EMAIL: z.email({ error: 'ожидается адрес электронной почты' }).default('admin@kosino.local'),
  ADMIN_PASSWORD: z.string().min(10, 'пароль администратора — не короче 10 символов').optional(),
  SESSION_SECRET: z.string().min(32, 'секрет сессий — не короче 32 символов').optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(60),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(5),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(20),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_IPS: positiveInt.default(50),
  LOGIN_KNOWN_IP_DAYS: positiveInt.default(30),
  LOGIN_LOCK_MINUTES: positiveInt.default(15),
  LOGIN_ATTEMPT_RETENTION_DAYS: z.coerce
    .number({ error: 'ожидается целое число' })
    .int('ожидается целое число')
    .min(0, 'ожидается число от 0 до 3650')
    .max(3650, 'ожидается число от 0 до 3650')
    .default(90),
  TRUST_PROXY: booleanFromEnv.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/.+/.test(value), {
      error: 'ожидается адрес вида smtp://user:password@host:587',
    })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Kosino CRM <crm@kosino.local>'),
  MAIL_DIR: z.string().min(1).default('var/mail'),
  NOTIFICATION_POLL_MS: positiveInt.default(1000),
  LEAD_INTAKE_PER_MINUTE: positiveInt.default(20),
  UPLOAD_DIR: z.string().min(1).default('var/uploads'),
  UPLOAD_MAX_MB: positiveInt.default(20),
  UPLOAD_REQUEST_MAX_MB: positiveInt.default(100),
  ADMIN_REQUESTS_PER_MINUTE: positiveInt.default(600),
  ADMIN_REQUESTS_PER_MINUTE_PER_IP: positiveInt.default(3000),
  NOTIFICATION_RETRY_BASE_MS: positiveInt.default(2000),
  NOTIFICATION_RETRY_MAX_MS: positiveInt.default(300_000),
  REPORT_COMMITTEE_CRON: cronExpression.default('0 8 * * 1'),
  REPORT_ANNUAL_CRON: cronExpression.default('0 8 2 1 *'),
  REPORT_SCHEDULE: z.enum(['on', 'off'], { error: 'ожидается on или off' }).default('on'),
  OVERDUE_DIGEST_CRON: cronExpression.default('0 9 * * *'),
  REMINDER_SCHEDULE: z.enum(['on', 'off'], { error: 'ожидается on или off' }).default('on'),
  DRAFT_RETENTION_DAYS: positiveInt.max(3650, 'не больше 3650 дней').default(30),
  DRAFT_RETENTION_SCHEDULE: z.enum(['on', 'off'], { error: 'ожидается on или off' }).default('on'),
  HOUSEKEEPING_CRON: cronExpression.default('41 * * * *'),
  HOUSEKEEPING_SCHEDULE: z.enum(['on', 'off'], { error: 'ожидается on или off' }).default('on'),
  EXPORT_STREAM_MAX_ROWS: positiveInt.max(1_000_000, 'не больше 1 000 000 строк').default(20_000),
  EXPORT_KEEP_HOURS: positiveInt.max(24 * 90, 'не больше 2160 часов (90 дней)').default(24),
  EXPORT_DIR: z.string().min(1).default('var/exports'),
  EXPORT_POLL_MS: positiveInt.default(1000),
  IMPORT_WORKER: z.enum(['on', 'off'], { error: 'ожидается on или off' }).default('on'),
  IMPORT_POLL_MS: positiveInt.default(1000),
  IMPORT_KEEP_DAYS: positiveInt.max(365, 'не больше 365 дней').default(7),
});

export type AppConfig = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Неверная конфигурация:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export function buildConfig(env: NodeJS.ProcessEnv = process.env, projectRoot = process.cwd()) {
  const given = withoutEmptyValues(env);
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // Echo the value back to help spot a typo, except for secrets.
        const shown = /PASSWORD|SECRET/.test(name) ? '' : ` (сейчас: «${String(env[name])}»)`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const value = parsed.data;
  if (value.UPLOAD_REQUEST_MAX_MB < value.UPLOAD_MAX_MB) {
    throw new ConfigError([
      `UPLOAD_REQUEST_MAX_MB: не меньше UPLOAD_MAX_MB (${value.UPLOAD_MAX_MB}) — в запрос должен помещаться хотя бы один файл (сейчас: «${value.UPLOAD_REQUEST_MAX_MB}»)`,
    ]);
  }
  return {
    nodeEnv: value.NODE_ENV,
    projectRoot,
    http: {
      host: value.HOST,
      port: value.PORT,
      publicUrl: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ''),
      trustProxy: value.TRUST_PROXY,
    },
    database: {
      url: value.DATABASE_URL,
      poolSize: value.DB_POOL_SIZE,
      embedded: {
        dataDir: path.resolve(projectRoot, value.PG_DATA_DIR),
        port: value.EMBEDDED_PG_PORT,
        /**
         * PG_DATA_DIR or EMBEDDED_PG_PORT was set: a script uses that server, not the one of the
         * app running beside it (running-database.ts).
         */
        chosen: 'PG_DATA_DIR' in given || 'EMBEDDED_PG_PORT' in given,
      },
    },
    admin: { email: value.ADMIN_EMAIL.toLowerCase(), password: value.ADMIN_PASSWORD },
    session: {
      secret: value.SESSION_SECRET,
      idleMinutes: value.SESSION_IDLE_MINUTES,
      absoluteHours: value.SESSION_ABSOLUTE_HOURS,
    },
    login: {
      /** Failures from one address (any accounts) that lock the address out of every account. */
      maxFailuresPerIp: value.LOGIN_MAX_FAILURES_PER_IP,
      /** Failures on one account from one address that lock that address out of that account. */
      maxFailuresPerAccount: value.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      /**
       * Failures on one account from all addresses together that lock the account for every address
       * except those it logged in from within `knownIpDays`.
       */
      maxFailuresPerAccountAllIps: value.LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_IPS,
      knownIpDays: value.LOGIN_KNOWN_IP_DAYS,
      /** The window the failures are counted over; a lock ends once its failures are older. */
      lockMinutes: value.LOGIN_LOCK_MINUTES,
      /**
       * How long «Попытки входа» keeps attempts the limits above no longer read (0: only what they
       * read); the housekeeping deletes older ones.
       */
      attemptRetentionDays: value.LOGIN_ATTEMPT_RETENTION_DAYS,
    },
    uploads: {
      // Files attached to history events; served only to logged-in users (never a public folder).
      directory: path.resolve(projectRoot, value.UPLOAD_DIR),
      maxBytes: value.UPLOAD_MAX_MB * 1024 * 1024,
      /** One back-office request of an administrator or manager, files included (read no further). */
      maxRequestBytes: value.UPLOAD_REQUEST_MAX_MB * 1024 * 1024,
    },
    rateLimit: {
      /** Back-office requests (pages, API, /api/deals) a logged-in session may make per minute. */
      perSession: value.ADMIN_REQUESTS_PER_MINUTE,
      /** Back-office requests one IP address may make per minute, logged in or not. */
      perIp: value.ADMIN_REQUESTS_PER_MINUTE_PER_IP,
    },
    mail: {
      smtpUrl: value.SMTP_URL,
      from: value.MAIL_FROM,
      // With SMTP_URL unset, mail is written here as .eml files that any mail program opens.
      directory: path.resolve(projectRoot, value.MAIL_DIR),
      pollMs: value.NOTIFICATION_POLL_MS,
      retryBaseMs: value.NOTIFICATION_RETRY_BASE_MS,
      retryMaxMs: value.NOTIFICATION_RETRY_MAX_MS,
    },
    reports: {
      /** When the committee reports (previous week) and the annual statistics (previous year) are made, Moscow time. */
      committeeCron: value.REPORT_COMMITTEE_CRON,
      annualCron: value.REPORT_ANNUAL_CRON,
      /** off: no scheduled reports and no catching up at start (tests that drive the schedule themselves). */
      scheduled: value.REPORT_SCHEDULE === 'on',
    },
    reminders: {
      /** When the department heads get the day's overdue digest, Moscow time (working days only). */
      digestCron: value.OVERDUE_DIGEST_CRON,
      /** off: no digest and no overdue mails by schedule (tests that drive the jobs themselves). */
      scheduled: value.REMINDER_SCHEDULE === 'on',
    },
    intake: {
      /** Leads (drafts included) one IP address may post per minute to the public API. */
      perMinute: value.LEAD_INTAKE_PER_MINUTE,
    },
    drafts: {
      /** The public form's unsent drafts not changed for this many days are deleted (hourly). */
      retentionDays: value.DRAFT_RETENTION_DAYS,
      /** off: no deletion by schedule (tests that drive it themselves). */
      purgeScheduled: value.DRAFT_RETENTION_SCHEDULE === 'on',
    },
    housekeeping: {
      /** When rows no rule reads any more are deleted (cron, Moscow time): hourly at :41. */
      cron: value.HOUSEKEEPING_CRON,
      /** off: no housekeeping by schedule (tests call HousekeepingService.run themselves). */
      scheduled: value.HOUSEKEEPING_SCHEDULE === 'on',
    },
    exports: {
      /** A list export of up to this many rows streams straight to the browser; a larger one is a background job. */
      streamMaxRows: value.EXPORT_STREAM_MAX_ROWS,
      /** How long a background export's file is kept for download (the housekeeping deletes it then). */
      keepHours: value.EXPORT_KEEP_HOURS,
      /** Where background exports' files are written (never a public folder). */
      directory: path.resolve(projectRoot, value.EXPORT_DIR),
      /** How often an idle instance looks for a queued export. */
      pollMs: value.EXPORT_POLL_MS,
    },
    imports: {
      /** Files uploaded for import, under UPLOAD_DIR (shared by the instances, as the worker of any may run a job). */
      directory: path.resolve(projectRoot, value.UPLOAD_DIR, 'imports'),
      /** off: this instance runs no checks or imports in the background (tests call ImportWorker.runNext). */
      worker: value.IMPORT_WORKER === 'on',
      /** How often an idle worker looks for a check or an import to run. */
      pollMs: value.IMPORT_POLL_MS,
      /** How long an uploaded file is kept after its import ended, or after an upload never imported. */
      keepDays: value.IMPORT_KEEP_DAYS,
    },
    log: {
      level: value.LOG_LEVEL,
      // Readable lines in a terminal, JSON lines for log collectors.
      pretty: (value.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty',
    },
  };
}

/** `FOO=` in a shell or compose file means "not set", not "set to an empty string". */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}
