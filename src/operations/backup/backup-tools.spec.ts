import { describe, expect, it } from '@jest/globals';

import { connectionFor, parseToolVersion, refuseOlderTool } from './backup-tools.js';

describe('PostgreSQL client programs for backups', () => {
  it('reads the major version from what --version prints, Debian builds included', () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toEqual({
      version: '15.20 (Debian 15.20-0+deb12u1)',
      major: 15,
    });
    expect(parseToolVersion('pg_restore (PostgreSQL) 18beta1\n')).toEqual({ version: '18beta1', major: 18 });
    expect(parseToolVersion('something else')).toBeUndefined();
  });

  it('refuses a program older than the server, naming the package of the server version', () => {
    const tool = { name: 'pg_dump' as const, file: '/usr/bin/pg_dump', version: '15.20', major: 15 };
    expect(() => refuseOlderTool(tool, 15, '15.18')).not.toThrow();
    expect(() => refuseOlderTool(tool, 14, '14.3')).not.toThrow();
    expect(() => refuseOlderTool(tool, 18, '18.4')).toThrow(
      'pg_dump 15.20 (/usr/bin/pg_dump) старше сервера PostgreSQL 18.4',
    );
    expect(() => refuseOlderTool(tool, 18, '18.4')).toThrow('пакет postgresql-client-18');
  });

  it('keeps the password out of the arguments (other users can read them) and in PGPASSWORD', () => {
    const { dbname, env } = connectionFor(
      'postgres://kosino:p%40ss%2Fw@db.local:5433/kosino_crm?sslmode=require',
    );
    expect(dbname).toBe('postgres://kosino@db.local:5433/kosino_crm?sslmode=require');
    expect(env.PGPASSWORD).toBe('p@ss/w');
  });
});
