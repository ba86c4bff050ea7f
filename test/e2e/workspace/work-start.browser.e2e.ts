import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';

import { moscowToday } from '../../../src/common/moscow-date.js';
import { ClientService } from '../../../src/modules/client/client.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { CommitteeHomeService } from '../../../src/modules/report/committee-home.service.js';
import { weekBefore, weekOf } from '../../../src/modules/report/report-periods.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { pdfText } from '../../helpers/pdf-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const DEPARTMENT = 'Производственно-складской сектор';
const OTHER_DEPARTMENT = 'Департамент ВЭД';
const russianDate = (iso: string) => iso.split('-').reverse().join('.');

/**
 * Where people start, in Chromium: a manager's sidebar opens with «Моя работа» (their own leads,
 * clients and deals, the boards) above the open groups; a manager's client form names the
 * department and the responsible manager; a committee member's home lists the latest reports of
 * their departments with the week's figures — on a CRM installed today, without waiting for Monday.
 */
describe('where managers and committee members start', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const people = {} as Record<
    'manager' | 'colleague' | 'committee' | 'otherCommittee',
    { id: number; email: string }
  >;
  let departmentId = 0;
  let otherDepartmentId = 0;
  let clientId = 0;

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;
  /** The company column of the list on screen, once it shows `expected` rows (or after 10 s, whatever it shows). */
  const listedCompanies = async (expected: number) => {
    const rows = page.locator('tr[data-css$="-table-row"]');
    for (let waited = 0; waited < 10_000 && (await rows.count()) !== expected; waited += 100) {
      await page.waitForTimeout(100);
    }
    return (await rows.locator('td[data-property-name="company"]').allInnerTexts()).map((text) =>
      text.trim(),
    );
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    // Installed today: no report of any earlier week will ever be scheduled.
    await query(`UPDATE department SET created_at = now()`);
    [{ id: departmentId }] = await query<{ id: number }>('SELECT id FROM department WHERE name = $1', [
      DEPARTMENT,
    ]);
    [{ id: otherDepartmentId }] = await query<{ id: number }>('SELECT id FROM department WHERE name = $1', [
      OTHER_DEPARTMENT,
    ]);
    const user = (role: 'manager' | 'committee', fullName: string, department: number | null) =>
      createUser(testApp.app, role, { fullName, departmentId: department });
    people.manager = await user('manager', 'Павел Своих', departmentId);
    people.colleague = await user('manager', 'Ольга Коллегова', departmentId);
    const otherManager = await user('manager', 'Иван Таможенный', otherDepartmentId);
    // A committee member of no department, on the first department's committee list; another one's.
    people.committee = await user('committee', 'Елена Комитетова', null);
    people.otherCommittee = await user('committee', 'Борис Комитетов', otherDepartmentId);
    await query(`UPDATE department SET committee_emails = ARRAY[$2] WHERE id = $1`, [
      departmentId,
      people.committee.email,
    ]);

    // Some work of today: leads taken into work by each manager, one still waiting, a client.
    const leads = testApp.app.get(LeadService);
    const typeOf = async (department: number) =>
      (
        await query<{ id: number }>(
          'SELECT id FROM object_type WHERE department_id = $1 ORDER BY id LIMIT 1',
          [department],
        )
      )[0].id;
    const lead = async (company: string, department: number, takenBy?: number) => {
      const created = await leads.create(
        { company, name: 'Анна', phone: '+74950001122', objectTypeId: await typeOf(department) },
        { source: 'manual', draft: false, actor: { id: takenBy ?? people.manager.id } },
      );
      if (takenBy) await leads.takeIntoWork(created.id, { primaryResult: 'Созвонились' }, { id: takenBy });
    };
    await lead('ООО «Мой первый»', departmentId, people.manager.id);
    await lead('ООО «Мой второй»', departmentId, people.manager.id);
    await lead('ООО «Коллеги»', departmentId, people.colleague.id);
    await lead('ООО «Ждёт отдела»', departmentId);
    await lead('ООО «Таможенный»', otherDepartmentId, otherManager.id);
    const client = await testApp.app.get(ClientService).create(
      {
        companyName: 'ООО «Клиент Павла»',
        source: 'Звонок',
        departmentId,
        responsibleUserId: people.manager.id,
        confirmNotDuplicate: true,
      },
      { id: people.manager.id, departmentId },
    );
    clientId = client.id;

    browser = await openBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('opens a manager’s sidebar with «Моя работа» first — own lists and boards — and every group open', async () => {
    await logInPage(page, testApp.baseUrl, people.manager.email);
    await page.getByText('Здравствуйте, Павел Своих!').waitFor();
    const work = page.getByTestId('sidebar-work');
    await work.waitFor();
    expect(await work.getByRole('link').allInnerTexts()).toEqual([
      'Мои лиды',
      'Мои клиенты',
      'Мои сделки',
      'Лиды — канбан',
      'Клиенты — воронка',
    ]);
    const sections = page.getByTestId('sidebar-sections');
    expect((await work.boundingBox())!.y).toBeLessThan((await sections.boundingBox())!.y);
    // The groups are open without a click: their lists are links on screen.
    for (const name of ['Лиды', 'Клиенты', 'Сделки', 'Отчёты']) {
      await expect(sections.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    // The boards are not repeated below; the search stays in the top bar.
    await expect(page.getByRole('link', { name: 'Лиды — канбан' }).count()).resolves.toBe(1);
    await expect(page.locator('input[name=topbar-search]').isVisible()).resolves.toBe(true);
  });

  it('lists only the manager’s own leads under «Мои лиды», and their department’s under «Лиды» with a way to all', async () => {
    await page.getByTestId('sidebar-work').getByRole('link', { name: 'Мои лиды' }).click();
    await page.waitForURL(`**/admin/resources/Lead?filters.responsibleUserId=${people.manager.id}`);
    expect((await listedCompanies(2)).sort()).toEqual(['ООО «Мой второй»', 'ООО «Мой первый»']);

    await page.getByTestId('sidebar-sections').getByRole('link', { name: 'Лиды', exact: true }).click();
    await page.waitForURL(`**/admin/resources/Lead?filters.departmentId=${departmentId}`);
    expect((await listedCompanies(4)).sort()).toEqual([
      'ООО «Ждёт отдела»',
      'ООО «Коллеги»',
      'ООО «Мой второй»',
      'ООО «Мой первый»',
    ]);
    // The filter says it is on; resetting it shows every department.
    await page.getByText('Фильтр (1)', { exact: true }).click();
    await page.getByRole('button', { name: 'Сбросить' }).click();
    expect(await listedCompanies(5)).toContain('ООО «Таможенный»');
  });

  it('builds the filter panel when it opens, where «Отдел» names the department set and filters by another', async () => {
    const searches: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/actions/search')) searches.push(request.url());
    });
    await page.goto(`${testApp.baseUrl}/admin/resources/Lead?filters.departmentId=${departmentId}`);
    await listedCompanies(4);
    // Visiting a list asks for no filter choices.
    expect(searches).toEqual([]);

    await page.getByText('Фильтр (1)', { exact: true }).click();
    const department = page.getByTestId('property-filter-departmentId');
    await department.getByText(DEPARTMENT, { exact: true }).waitFor();
    await department.locator('input').click();
    await department.getByText(OTHER_DEPARTMENT, { exact: true }).click();
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.waitForURL(`**/admin/resources/Lead?*filters.departmentId=${otherDepartmentId}*`);
    expect(await listedCompanies(1)).toEqual(['ООО «Таможенный»']);
  });

  it('names the department and the responsible manager in a manager’s client form', async () => {
    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${clientId}/edit`);
    await page.getByTestId('property-edit-departmentId').getByText(DEPARTMENT).waitFor();
    await page.getByTestId('property-edit-responsibleUserId').getByText('Павел Своих').waitFor();
  });

  it('shows a committee member the latest reports of their departments and the week’s figures, on the day of installation', async () => {
    await browser.context.clearCookies();
    await logInPage(page, testApp.baseUrl, people.committee.email);
    const home = page.getByTestId('committee-home');
    const week = weekOf(moscowToday());
    await home.getByText(`Текущая неделя ${russianDate(week.start)} — ${russianDate(week.end)}`).waitFor();
    // Their department only, with this week's report made on this first visit and today's figures:
    // four leads received, one waiting, one client added.
    const department = home.getByTestId('committee-department');
    const cells = (await department.locator('td').allInnerTexts()).map((cell) => cell.trim().split('\n')[0]);
    expect({ name: cells[0], received: cells[2], waiting: cells[4], clients: cells[5] }).toEqual({
      name: DEPARTMENT,
      received: '4',
      waiting: '1',
      clients: '1',
    });

    const link = department.getByTestId('committee-report-link');
    const href = await link.getAttribute('href');
    const [report] = await query<{ id: number; origin: string }>(
      `SELECT id, origin::text AS origin FROM report WHERE kind = 'committee' AND department_id = $1
         AND period_start = $2 AND period_end = $3`,
      [departmentId, week.start, week.end],
    );
    expect(href).toBe(`/admin/reports/${report.id}/pdf`);
    const pdf = await page.request.get(`${testApp.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(await pdf.body());
    expect(text).toContain(DEPARTMENT);

    // The CRM's first year: the annual statistics of the year so far, made on this visit too.
    const year = moscowToday().slice(0, 4);
    await home
      .getByTestId('committee-annual')
      .getByText(`за ${year} год, на ${russianDate(moscowToday())}`)
      .waitFor();

    // Opening the home again makes nothing more; nothing was made for departments not theirs.
    await page.reload();
    await home.getByTestId('committee-report-link').first().waitFor();
    const reports = await query<{ departmentId: number | null; count: number }>(
      `SELECT department_id AS "departmentId", count(*)::int AS count FROM report GROUP BY 1 ORDER BY 1`,
    );
    expect(reports).toEqual([
      { departmentId, count: 1 },
      { departmentId: null, count: 1 },
    ]);
  });

  it('makes a department’s first report once when several homes open at once, and uses last week once it is the CRM’s', async () => {
    const homes = testApp.app.get(CommitteeHomeService);
    const member = {
      ...people.otherCommittee,
      title: 'Борис Комитетов',
      role: 'committee' as const,
      departmentId: otherDepartmentId,
    };
    const [first, second] = await Promise.all([homes.load(member), homes.load(member)]);
    expect(first.departments.map((department) => department.name)).toEqual([OTHER_DEPARTMENT]);
    expect(second.departments[0].report?.id).toBe(first.departments[0].report?.id);
    const [{ count }] = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM report WHERE department_id = $1`,
      [otherDepartmentId],
    );
    expect(count).toBe(1);

    // Installed long ago: the home is about the last finished week, whose report it makes if missing.
    await query(`UPDATE department SET created_at = '2024-01-10'`);
    const later = await homes.load(member);
    const lastWeek = weekBefore(moscowToday());
    expect({ week: later.week, running: later.running }).toEqual({ week: lastWeek, running: false });
    expect(later.departments[0].report).toMatchObject({
      periodStart: lastWeek.start,
      periodEnd: lastWeek.end,
    });
  });
});
