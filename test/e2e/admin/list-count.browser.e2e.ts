import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { LIST_COUNT_CAP } from '../../../src/common/list-count.js';
import { logIn } from '../../helpers/admin-session.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/** Lists count up to LIST_COUNT_CAP and say «более 10 000» past it; below it the count is exact. */
describe('list counts', () => {
  let testApp: TestApp;
  let admin: Agent;
  let adminEmail: string;
  let departmentId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    adminEmail = (await createUser(testApp.app, 'admin')).email;
    admin = await logIn(testApp, adminEmail);
    [{ department_id: departmentId }] = (await testApp.dataSource.query(
      `SELECT department_id FROM object_type ORDER BY id LIMIT 1`,
    )) as { department_id: number }[];
    // 10 007 drafts with no department, and 25 in one department: one filter above the cap, one below.
    await testApp.dataSource.query(
      `INSERT INTO lead (status, source, company) SELECT 'draft', 'manual', 'Черновик ' || g FROM generate_series(1, 10007) g`,
    );
    await testApp.dataSource.query(
      `INSERT INTO lead (status, source, company, object_type_id, department_id, phone, submitted_at)
       SELECT 'new', 'manual', 'Отдел ' || g, (SELECT id FROM object_type WHERE department_id = $1 LIMIT 1), $1,
              '+7495000' || lpad(g::text, 4, '0'), now()
       FROM generate_series(1, 25) g`,
      [departmentId],
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  const total = async (query: string) => {
    const response = await admin.get(`/admin/api/resources/Lead/actions/list${query}`);
    expect(response.status).toBe(200);
    return (response.body as { meta: { total: number } }).meta.total;
  };

  it('stops counting past the cap and counts exactly below it, with the filters applied', async () => {
    expect(await total('')).toBe(LIST_COUNT_CAP + 1);
    expect(await total('?filters.status=draft')).toBe(LIST_COUNT_CAP + 1);
    expect(await total(`?filters.departmentId=${departmentId}`)).toBe(25);
    expect(
      await total(`?filters.departmentId=${departmentId}&filters.company=${encodeURIComponent('Отдел 1')}`),
    ).toBe(
      11, // «Отдел 1», «Отдел 10»…«Отдел 19»
    );
    expect(await total('?filters.status=processed')).toBe(0);
    // A value PostgreSQL cannot read counts nothing rather than failing.
    expect(await total('?filters.createdAt~~from=not-a-date')).toBe(0);
  });

  it('shows «более 10 000» as the list count in the browser, and the exact count when filtered', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await logInPage(page, testApp.baseUrl, adminEmail);
      await page.getByText('Здравствуйте').first().waitFor();
      await page.goto(`${testApp.baseUrl}/admin/resources/Lead`);
      await page.getByText('более 10 000').first().waitFor();
      await page.goto(`${testApp.baseUrl}/admin/resources/Lead?filters.departmentId=${departmentId}`);
      await page.getByText('25', { exact: true }).first().waitFor();
      await expect(page.getByText('более 10 000').count()).resolves.toBe(0);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
