import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { seedDemo } from '../../src/database/seeds/demo-seed.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('demo seed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('fills premises for every object type, department contacts and one user per role', async () => {
    const result = await seedDemo(database.dataSource);
    expect(result.premises).toBeGreaterThanOrEqual(50);
    expect(result.departmentsFilled).toBe(3);
    expect(result.users.map((user) => user.email)).toContain('committee@kosino.example');
    const [uncovered] = (await database.dataSource.query(
      `SELECT count(*)::int AS count FROM object_type o WHERE NOT EXISTS (SELECT 1 FROM premises p WHERE p.object_type_id = o.id)`,
    )) as { count: number }[];
    expect(uncovered.count).toBe(0);
    const roles = (await database.dataSource.query(
      `SELECT DISTINCT role::text FROM app_user ORDER BY 1`,
    )) as object[];
    expect(roles).toEqual([{ role: 'committee' }, { role: 'manager' }]);
  });

  it('adds nothing and overwrites no contact on a second run', async () => {
    await database.dataSource.query(
      `UPDATE department SET head_email = 'real.head@kosino.ru' WHERE name = 'Департамент ВЭД'`,
    );
    const again = await seedDemo(database.dataSource);
    expect(again).toEqual({ premises: 0, departmentsFilled: 0, users: [] });
    const [ved] = (await database.dataSource.query(
      `SELECT head_email FROM department WHERE name = 'Департамент ВЭД'`,
    )) as {
      head_email: string;
    }[];
    expect(ved.head_email).toBe('real.head@kosino.ru');
  });
});
