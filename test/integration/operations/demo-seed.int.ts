import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { seedDemoActivity } from '../../../src/operations/seeds/demo-activity.js';
import { seedDemo } from '../../../src/operations/seeds/demo-seed.js';
import { loadAnnualData } from '../../../src/modules/report/repositories/annual-data.js';
import { loadCommitteeData } from '../../../src/modules/report/repositories/committee-data.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

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

  it('adds two years of consistent CRM work once, which the reports can count', async () => {
    const now = new Date('2026-11-27T09:00:00Z');
    const activity = await seedDemoActivity(database.dataSource, { now });
    expect(activity.leads).toBe(2600);
    expect(activity.clients).toBeGreaterThan(500);
    expect(activity.deals).toBeGreaterThan(100);
    expect(await seedDemoActivity(database.dataSource, { now })).toEqual({
      leads: 0,
      clients: 0,
      deals: 0,
      historyEvents: 0,
    });
    const [counts] = (await database.dataSource.query(
      `SELECT (SELECT count(*) FROM lead WHERE client_id IS NOT NULL)::int AS linked,
              (SELECT count(*) FROM client)::int AS clients,
              (SELECT count(*) FROM lead WHERE submitted_at > $1)::int AS future`,
      [now],
    )) as { linked: number; clients: number; future: number }[];
    expect(counts).toEqual({ linked: activity.clients, clients: activity.clients, future: 0 });
    const [{ id: departmentId }] = (await database.dataSource.query(
      `SELECT id FROM department WHERE name = 'Производственно-складской сектор'`,
    )) as { id: number }[];
    const week = await loadCommitteeData(
      database.dataSource.manager,
      departmentId,
      { start: '2026-11-16', end: '2026-11-22' },
      now,
    );
    expect(week.leads.received.current).toBeGreaterThan(0);
    expect(week.clients.funnels.length).toBeGreaterThan(0);
    const year = await loadAnnualData(database.dataSource.manager, 2025, now);
    expect(year.overall.deals.current).toBeGreaterThan(0);
    expect(year.departments).toHaveLength(3);
  });
});
