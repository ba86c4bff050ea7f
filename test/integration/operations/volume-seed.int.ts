import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { seedVolume, type VolumeResult } from '../../../src/operations/seeds/volume-seed.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

describe('volume seed (seed:volume), at a small scale', () => {
  let database: TestDatabase;
  let result: VolumeResult;
  const one = async <T>(sql: string) => ((await database.dataSource.query(sql)) as T[])[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    result = await seedVolume(database.dataSource, {
      leads: 3000,
      clients: 600,
      deals: 400,
      events: 2000,
      premises: 40,
      users: 20,
      years: 5,
      passwordHash: 'not-a-real-hash',
    });
  }, 180_000);
  afterAll(async () => {
    await database.drop();
  });

  it('writes the volumes asked for, each lead with its status history', () => {
    expect(result).toMatchObject({ users: 20, premises: 40, leads: 3000, deals: 400, historyEvents: 2000 });
    expect(result.clients).toBeGreaterThan(450);
    expect(result.clients).toBeLessThan(750);
    expect(result.leadStatusChanges).toBeGreaterThan(3000 * 2.5);
    expect(result.dealLines).toBeGreaterThanOrEqual(400);
  });

  it('spreads leads plausibly: most processed, a few new, over five years, in every department', async () => {
    const spread = await one<{ processed: number; waiting: number; years: number; departments: number }>(
      `SELECT count(*) FILTER (WHERE status = 'processed')::int AS processed,
              count(*) FILTER (WHERE status = 'new')::int AS waiting,
              (extract(epoch FROM max(submitted_at) - min(submitted_at)) / 86400 / 365)::int AS years,
              count(DISTINCT department_id)::int AS departments
       FROM lead`,
    );
    expect(spread.processed).toBeGreaterThan(3000 * 0.85);
    expect(spread.waiting).toBeLessThan(3000 * 0.05);
    expect(spread.years).toBeGreaterThanOrEqual(4);
    expect(spread.departments).toBe(3);
  });

  it('keeps the records consistent with each other', async () => {
    const checks = await one<Record<string, number>>(
      `SELECT
         (SELECT count(*) FROM client c WHERE NOT EXISTS (
            SELECT 1 FROM client_status_change s WHERE s.client_id = c.id AND s.kind = 'created'))::int AS "clientsWithoutStart",
         (SELECT count(*) FROM client c JOIN LATERAL (
            SELECT to_stage_id FROM client_status_change s WHERE s.client_id = c.id ORDER BY changed_at DESC, id DESC LIMIT 1) last
            ON last.to_stage_id <> c.stage_id)::int AS "clientsNotWhereTheirTimelineEnds",
         (SELECT count(*) FROM lead WHERE client_id IS NOT NULL)::int - (SELECT count(*) FROM client)::int AS "unlinked",
         (SELECT count(*) FROM deal d WHERE d.total <> (SELECT coalesce(sum(cost_per_year * term_years), 0)
                                                       FROM deal_line l WHERE l.deal_id = d.id))::int AS "wrongTotals",
         (SELECT count(DISTINCT pipeline_id) FROM client)::int AS pipelines,
         (SELECT count(*) FROM lead_status_change WHERE changed_at > now())::int AS "changesInTheFuture",
         (SELECT count(*) FROM lead l WHERE EXISTS (
            SELECT 1 FROM lead_status_change a JOIN lead_status_change b ON b.lead_id = a.lead_id
            WHERE a.lead_id = l.id AND a.to_status = 'qualifying' AND b.to_status = 'processed'
              AND b.changed_at < a.changed_at))::int AS "processedBeforeTaken",
         (SELECT count(*) FROM lead WHERE status <> 'new' AND responsible_user_id IS NULL)::int AS "workedWithoutManager",
         (SELECT count(*) FROM deal d JOIN client c ON c.id = d.client_id WHERE d.created_at < c.created_at)::int
           AS "dealsBeforeTheirClient"`,
    );
    expect(checks).toEqual({
      clientsWithoutStart: 0,
      clientsNotWhereTheirTimelineEnds: 0,
      unlinked: 0,
      wrongTotals: 0,
      pipelines: 2,
      changesInTheFuture: 0,
      processedBeforeTaken: 0,
      workedWithoutManager: 0,
      dealsBeforeTheirClient: 0,
    });
  });

  it('leaves the audit log out of generated data', async () => {
    const { audited } = await one<{ audited: number }>(
      `SELECT count(*)::int AS audited FROM audit_log WHERE table_name IN ('lead', 'client', 'deal', 'history_event')`,
    );
    expect(audited).toBe(0);
  });

  it('refuses to fill a CRM that already has leads, changing nothing', async () => {
    await expect(
      seedVolume(database.dataSource, {
        leads: 10,
        clients: 1,
        deals: 1,
        events: 1,
        premises: 1,
        users: 1,
        years: 1,
        passwordHash: 'x',
      }),
    ).rejects.toThrow('В базе уже есть лиды: объёмные данные заполняются только в пустую CRM');
    expect((await one<{ count: number }>('SELECT count(*)::int AS count FROM lead')).count).toBe(3000);
  });
});
