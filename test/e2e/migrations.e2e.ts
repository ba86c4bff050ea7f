import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('build exactly the schema the entities describe', async () => {
    await database.dataSource.runMigrations({ transaction: 'each' });
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('can be reverted to an empty schema and applied again', async () => {
    const applied = database.dataSource.migrations.length;
    for (let index = 0; index < applied; index += 1)
      // TypeORM wraps every undo in a transaction unless told not to; the index migrations drop
      // their indexes CONCURRENTLY, which cannot run in one.
      await database.dataSource.undoLastMigration({ transaction: 'none' });
    const [tables] = (await database.dataSource.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migration'`,
    )) as { count: number }[];
    expect(tables.count).toBe(0);
    await database.dataSource.runMigrations({ transaction: 'each' });
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toHaveLength(0);
  });
});
