import type { DataSource } from 'typeorm';

import { applyDictionarySeed } from './seeds/dictionary-seed.js';

export interface PreparedDatabase {
  migrationsApplied: string[];
  seed: { applied: boolean; inserted: number };
}

/** Brings a database to the current schema and loads the dictionaries (both idempotent). */
export async function prepareDatabase(dataSource: DataSource): Promise<PreparedDatabase> {
  const migrations = await dataSource.runMigrations({ transaction: 'each' });
  const seed = await applyDictionarySeed(dataSource);
  return { migrationsApplied: migrations.map((migration) => migration.name), seed };
}
