import path from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { buildConfig, ConfigError } from './config.js';

describe('buildConfig', () => {
  it('works with no environment at all: embedded PostgreSQL in var/pg, port 3000', () => {
    const config = buildConfig({}, '/srv/kosino');
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded).toEqual({
      dataDir: path.resolve('/srv/kosino/var/pg'),
      port: 54329,
      chosen: false,
    });
    expect(config.http).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', trustProxy: false });
    expect(config.admin).toEqual({ email: 'admin@kosino.local', password: undefined });
  });

  it('limits logins per address, per account and address, and per account from every address', () => {
    expect(buildConfig({}).login).toEqual({
      maxFailuresPerIp: 20,
      maxFailuresPerAccount: 5,
      maxFailuresPerAccountAllIps: 50,
      knownIpDays: 30,
      lockMinutes: 15,
      attemptRetentionDays: 90,
    });
    const config = buildConfig({ LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_IPS: '100', LOGIN_KNOWN_IP_DAYS: '7' });
    expect(config.login).toMatchObject({ maxFailuresPerAccountAllIps: 100, knownIpDays: 7 });
  });

  it('treats an empty variable as unset', () => {
    expect(buildConfig({ DATABASE_URL: '', PORT: '' }).database.url).toBeUndefined();
  });

  it('reads the values it is given', () => {
    const config = buildConfig({
      DATABASE_URL: 'postgres://crm:secret@db:5432/crm',
      PORT: '8080',
      TRUST_PROXY: 'true',
      ADMIN_EMAIL: 'Boss@Kosino.RU',
      PUBLIC_URL: 'https://crm.kosino.ru/',
    });
    expect(config.database.url).toBe('postgres://crm:secret@db:5432/crm');
    expect(config.http).toMatchObject({ port: 8080, trustProxy: true, publicUrl: 'https://crm.kosino.ru' });
    expect(config.admin.email).toBe('boss@kosino.ru');
  });

  it('keeps the public form’s unsent drafts 30 days unless told otherwise, and refuses a nonsense period', () => {
    expect(buildConfig({}).drafts).toEqual({ retentionDays: 30, purgeScheduled: true });
    expect(buildConfig({ DRAFT_RETENTION_DAYS: '7', DRAFT_RETENTION_SCHEDULE: 'off' }).drafts).toEqual({
      retentionDays: 7,
      purgeScheduled: false,
    });
    for (const days of ['0', '-5', 'месяц', '99999']) {
      expect(() => buildConfig({ DRAFT_RETENTION_DAYS: days })).toThrow(/DRAFT_RETENTION_DAYS: /);
    }
  });

  it('runs the housekeeping hourly unless told otherwise, and keeps login attempts 0–3650 days', () => {
    expect(buildConfig({}).housekeeping).toEqual({ cron: '41 * * * *', scheduled: true });
    expect(
      buildConfig({ HOUSEKEEPING_CRON: '*/15 * * * *', HOUSEKEEPING_SCHEDULE: 'off' }).housekeeping,
    ).toEqual({ cron: '*/15 * * * *', scheduled: false });
    expect(() => buildConfig({ HOUSEKEEPING_CRON: 'hourly' })).toThrow(/HOUSEKEEPING_CRON: ожидается cron/);
    expect(buildConfig({ LOGIN_ATTEMPT_RETENTION_DAYS: '0' }).login.attemptRetentionDays).toBe(0);
    for (const days of ['-1', '3651', 'год', '1.5']) {
      expect(() => buildConfig({ LOGIN_ATTEMPT_RETENTION_DAYS: days })).toThrow(
        /LOGIN_ATTEMPT_RETENTION_DAYS: /,
      );
    }
  });

  it('refuses bad values with a Russian message naming each variable', () => {
    let error: unknown;
    try {
      buildConfig({
        PORT: '99999',
        DATABASE_URL: 'mysql://x',
        ADMIN_PASSWORD: 'short',
        TRUST_PROXY: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: порт от 1 до 65535/),
        expect.stringMatching(/^DATABASE_URL: ожидается адрес вида postgres:\/\//),
        expect.stringMatching(/^ADMIN_PASSWORD: пароль администратора — не короче 10 символов/),
        expect.stringMatching(/^TRUST_PROXY: ожидается true или false/),
      ]),
    );
    expect(problems.find((problem) => problem.startsWith('ADMIN_PASSWORD'))).not.toContain('short');
  });
});
