import { randomBytes } from 'node:crypto';

import type { DataSource } from 'typeorm';

/**
 * SESSION_SECRET when given; otherwise a secret generated once and kept in the database, so that
 * every instance signs cookies alike and sessions survive restarts without any configuration.
 */
export async function resolveSessionSecret(dataSource: DataSource, configured?: string): Promise<string> {
  if (configured) return configured;
  await dataSource.query(
    `INSERT INTO app_setting (key, value) VALUES ('session_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [randomBytes(48).toString('base64url')],
  );
  const [row] = (await dataSource.query(`SELECT value FROM app_setting WHERE key = 'session_secret'`)) as {
    value: string;
  }[];
  return row.value;
}
