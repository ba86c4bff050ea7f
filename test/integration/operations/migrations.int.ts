import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { draftTokenHash } from '../../../src/modules/lead/draft-token.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

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

  it('keep the keys of the drafts open at the upgrade working: DraftTokenHash hashes them as the app does', async () => {
    const executed = async () =>
      (
        (await database.dataSource.query('SELECT name FROM migration ORDER BY id DESC')) as { name: string }[]
      ).map((row) => row.name);
    while ((await executed()).includes('DraftTokenHash1796408265039'))
      await database.dataSource.undoLastMigration({ transaction: 'none' });
    const token = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';
    await database.dataSource.query(
      `INSERT INTO lead (status, source, name, draft_token) VALUES ('draft', 'form', 'До обновления', $1)`,
      [token],
    );
    await database.dataSource.runMigrations({ transaction: 'each' });
    expect(
      await database.dataSource.query('SELECT name FROM lead WHERE draft_token_hash = $1', [
        draftTokenHash(token),
      ]),
    ).toEqual([{ name: 'До обновления' }]);
  });
});
