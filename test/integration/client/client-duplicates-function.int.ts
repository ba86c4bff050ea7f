import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { NAME_SIMILARITY } from '../../../src/modules/client/client-duplicates.js';
import { clientDuplicatesFunction } from '../../../src/modules/client/client-duplicates.sql.js';
import { ClientRepository } from '../../../src/modules/client/client.repository.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

describe('client_duplicates: src/modules/client/client-duplicates.sql.ts is what the database runs', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('holds, after the migrations, exactly the body and the setting written in src', async () => {
    const [stored] = (await database.dataSource.query(
      `SELECT p.prosrc AS body, p.proconfig AS config FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname = 'client_duplicates'`,
    )) as { body: string; config: string[] }[];
    const body = /\nAS \$\$([\s\S]*)\$\$$/.exec(clientDuplicatesFunction)?.[1];
    expect(body).toContain('RETURN QUERY');
    expect(stored).toEqual({ body, config: [`pg_trgm.similarity_threshold=${NAME_SIMILARITY}`] });
  });

  it('finds a similar name outside a transaction as inside one, and never the card itself', async () => {
    const [{ id }] = (await database.dataSource.query(
      `INSERT INTO client (company_name, source, added_on, department_id, pipeline_id, stage_id, stage_kind)
       SELECT 'ООО «Складские решения Косино»', 'Звонок', current_date, d.id, s.pipeline_id, s.id, s.kind
       FROM department d, stage s ORDER BY d.id, s.position LIMIT 1 RETURNING id`,
    )) as { id: number }[];
    const outside = await new ClientRepository(database.dataSource.manager).duplicates({
      companyName: 'АО "Складские решения Косино-2"',
    });
    const inside = await database.dataSource.transaction((manager) =>
      new ClientRepository(manager).duplicates({ companyName: 'АО "Складские решения Косино-2"' }),
    );
    expect(outside).toEqual([expect.objectContaining({ id, reasons: ['name'] })]);
    expect(inside).toEqual(outside);
    const itself = await new ClientRepository(database.dataSource.manager).duplicates(
      { companyName: 'ООО «Складские решения Косино»' },
      id,
    );
    expect(itself).toEqual([]);
  });
});
