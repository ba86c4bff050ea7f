import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import {
  deadlineFunctions,
  deadlineTriggers,
  installDeadlineFunctions,
} from '../../../src/modules/deadline/deadline-functions.sql.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

interface StoredFunction {
  name: string;
  arguments: string;
  body: string;
}

interface StoredTrigger {
  name: string;
  table: string;
  definition: string;
}

/** A moment given in Moscow time (UTC+3 all year). */
const msk = (local: string) => new Date(`${local}:00+03:00`);

describe('deadline functions: src/modules/deadline/deadline-functions.sql.ts is what the database runs', () => {
  let database: TestDatabase;
  const storedFunctions = async () =>
    (await database.dataSource.query(
      `SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS arguments, p.prosrc AS body
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname = ANY($1) ORDER BY p.proname`,
      [deadlineFunctions.map((fn) => fn.name)],
    )) as StoredFunction[];
  const storedTriggers = async () =>
    (await database.dataSource.query(
      `SELECT t.tgname AS name, c.relname AS table, pg_get_triggerdef(t.oid) AS definition
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND t.tgname = ANY($1) ORDER BY t.tgname, c.relname`,
      [deadlineTriggers.map((trigger) => trigger.name)],
    )) as StoredTrigger[];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('holds, after the migrations, exactly the body of every function written in src', async () => {
    const stored = await storedFunctions();
    expect(stored.map((fn) => fn.name).sort()).toEqual(deadlineFunctions.map((fn) => fn.name).sort());
    for (const fn of deadlineFunctions) {
      const found = stored.find((row) => row.name === fn.name);
      expect({ name: fn.name, body: found?.body }).toEqual({ name: fn.name, body: fn.body });
    }
  });

  it('runs every trigger written in src, on its table, and no other of those names', async () => {
    const stored = await storedTriggers();
    const expected = deadlineTriggers
      .map(
        (trigger) =>
          `CREATE TRIGGER ${trigger.name} ${trigger.timing} ON public.${trigger.table} ` +
          `FOR EACH ${trigger.level} EXECUTE FUNCTION ${trigger.function}()`,
      )
      .sort();
    expect(stored.map((trigger) => trigger.definition).sort()).toEqual(expected);
  });

  it('installs again without change: the same functions, triggers and deadlines', async () => {
    const functionsBefore = await storedFunctions();
    const triggersBefore = await storedTriggers();
    const due = async () =>
      (
        (await database.dataSource.query('SELECT working_deadline($1, $2) AS due', [
          msk('2026-02-13T17:00'),
          240,
        ])) as { due: Date }[]
      )[0].due.toISOString();
    const dueBefore = await due();

    await database.dataSource.transaction((manager) => installDeadlineFunctions(manager));
    await database.dataSource.transaction((manager) => installDeadlineFunctions(manager));

    expect(await storedFunctions()).toEqual(functionsBefore);
    expect(await storedTriggers()).toEqual(triggersBefore);
    expect(await due()).toBe(dueBefore);
    expect(dueBefore).toBe(msk('2026-02-16T12:00').toISOString());
  });
});
