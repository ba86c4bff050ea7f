import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/**
 * The boards in Chromium, dragged with the mouse: a lead from «Новый» to «Выяснение потребности»
 * opens «Взять в работу»'s form, and after it is filled the lead has moved (in the database too);
 * a drag the statuses forbid springs back with the Russian message; a client dragged to
 * «Не активен» asks for the reason first.
 */
describe('dragging cards on the kanban boards', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let email: string;
  let managerId: number;
  let departmentId: number;

  /** A «Новый» lead that arrived `since` ago (its deadline follows from it). */
  const lead = async (company: string, since = '0 minutes') => {
    const [{ id }] = (await testApp.dataSource.query(
      `INSERT INTO lead (status, source, company, name, object_type_id, department_id, phone, submitted_at, status_since)
       VALUES ('new', 'manual', $1, 'Пётр', (SELECT id FROM object_type WHERE department_id = $2 ORDER BY id LIMIT 1),
               $2, '+74951234567', now(), now() - $3::interval)
       RETURNING id`,
      [company, departmentId, since],
    )) as { id: number }[];
    return id;
  };
  const statusOf = async (id: number) =>
    (
      (await testApp.dataSource.query(
        'SELECT status, responsible_user_id AS "responsibleUserId", primary_result AS "primaryResult" FROM lead WHERE id = $1',
        [id],
      )) as { status: string; responsibleUserId: number | null; primaryResult: string | null }[]
    )[0];

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ id: departmentId }] = (await testApp.dataSource.query(
      'SELECT department_id AS id FROM object_type ORDER BY id LIMIT 1',
    )) as { id: number }[];
    const manager = await createUser(testApp.app, 'manager', { departmentId });
    email = manager.email;
    managerId = manager.id;
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp.close();
  });

  it('takes a lead into work by dragging it to «Выяснение потребности» and filling the form', async () => {
    const id = await lead('Канбан Тест');
    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, email);
    await page.getByText('Здравствуйте').first().waitFor();
    // A desktop's width: the sidebar is open and lists the board among its pages.
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.getByRole('link', { name: 'Лиды — канбан' }).click();
    const card = page.locator(`[data-column="new"] [data-card="${id}"]`);
    await card.getByText('Канбан Тест').waitFor();

    await card.dragTo(page.locator('[data-column="qualifying"]'));
    const dialog = page.getByRole('dialog', { name: 'Взять в работу' });
    await dialog.waitFor();
    expect(await statusOf(id)).toMatchObject({ status: 'new' });
    await dialog.locator('#lead-transition-text').fill('Позвонили, нужен склад 500 м²');
    await dialog.getByRole('button', { name: 'Взять в работу' }).click();

    await page.locator(`[data-column="qualifying"] [data-card="${id}"]`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await statusOf(id)).toEqual({
      status: 'qualifying',
      responsibleUserId: managerId,
      primaryResult: 'Позвонили, нужен склад 500 м²',
    });
    await page.close();
  });

  it('springs a forbidden drag back with the Russian message, changing nothing', async () => {
    const id = await lead('Прыжок Через Статус', '30 days');
    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, email);
    await page.getByText('Здравствуйте').first().waitFor();
    await page.goto(`${testApp.baseUrl}/admin/pages/leadBoard`);
    const card = page.locator(`[data-column="new"] [data-card="${id}"]`);
    await card.waitFor();
    // Waiting a month for «Взять в работу» (4 working hours): marked overdue.
    await card
      .getByTestId('overdue')
      .getByText(/^Просрочено на \d+ дн\.$/)
      .waitFor();

    await card.dragTo(page.locator('[data-column="processed"]'));
    await page
      .getByTestId('board-message')
      .getByText('Лид нельзя перенести из «Новый» сразу в «Обработан»: сначала «Взять в работу».')
      .waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expect(card.count()).resolves.toBe(1);
    await expect(page.locator(`[data-column="processed"] [data-card="${id}"]`).count()).resolves.toBe(0);
    expect(await statusOf(id)).toMatchObject({ status: 'new', responsibleUserId: null });
    await page.close();
  });

  it('asks the reason before a client dragged to «Не активен» is deactivated', async () => {
    const [{ id: sectorId }] = (await testApp.dataSource.query(
      `SELECT id FROM client_sector WHERE code = 'sector_3'`,
    )) as { id: number }[];
    const { id } = await testApp.app
      .get(ClientService)
      .create(
        { companyName: 'Тянем Воронку', source: 'Звонок', sectorId, confirmNotDuplicate: true },
        { id: managerId, departmentId },
      );
    const [{ lost }] = (await testApp.dataSource.query(
      `SELECT s.id AS lost FROM stage s JOIN client c ON c.pipeline_id = s.pipeline_id WHERE c.id = $1 AND s.kind = 'lost'`,
      [id],
    )) as { lost: number }[];
    const page = await browser.context.newPage();
    // A full-HD screen shows the standard pipeline's seven columns side by side.
    await page.setViewportSize({ width: 1920, height: 1000 });
    await logInPage(page, testApp.baseUrl, email);
    await page.getByText('Здравствуйте').first().waitFor();
    await page.goto(`${testApp.baseUrl}/admin/pages/clientBoard`);
    const card = page.locator(`[data-card="${id}"]`);
    await card.getByText('Тянем Воронку').waitFor();

    await card.dragTo(page.locator(`[data-column="${lost}"]`));
    const dialog = page.getByRole('dialog', { name: 'Деактивировать' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Деактивировать' }).click();
    await dialog.getByText('Укажите причину деактивации').first().waitFor();
    await dialog.locator('#client-status-reason').fill('Выбрали другой парк');
    await dialog.getByRole('button', { name: 'Деактивировать' }).click();

    await page.locator(`[data-column="${lost}"] [data-card="${id}"]`).waitFor();
    const [client] = (await testApp.dataSource.query(
      'SELECT stage_id AS "stageId", inactive_reason AS reason FROM client WHERE id = $1',
      [id],
    )) as { stageId: number; reason: string }[];
    expect(client).toEqual({ stageId: lost, reason: 'Выбрали другой парк' });
    await page.close();
  });

  it('offers the boards to the CRM staff only: a committee member’s sidebar has no pages', async () => {
    const committee = await createUser(testApp.app, 'committee');
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 900 });
    await logInPage(page, testApp.baseUrl, committee.email);
    await page.getByText('Здравствуйте').first().waitFor();
    await page.getByText('Отчёты').first().waitFor();
    await expect(page.getByRole('link', { name: 'Лиды — канбан' }).count()).resolves.toBe(0);
    await page.close();

    const staff = await browser.context.newPage();
    await staff.setViewportSize({ width: 1600, height: 900 });
    await logInPage(staff, testApp.baseUrl, email);
    await staff.getByRole('link', { name: 'Клиенты — воронка' }).click();
    await staff.getByRole('heading', { name: 'Клиенты — воронка' }).waitFor();
    await staff.locator('[data-column]').first().waitFor();
    await staff.close();
  });

  it('pages a column in as it scrolls, and stops asking (with a message) when a page fails', async () => {
    await testApp.dataSource.query(
      `INSERT INTO lead (status, source, company, name, object_type_id, department_id, phone, submitted_at, created_at)
       SELECT 'new', 'manual', 'Листаем ' || g, 'Пётр', (SELECT id FROM object_type WHERE department_id = $1 ORDER BY id LIMIT 1),
              $1, '+74951234567', now(), now() - interval '1 year' - g * interval '1 minute'
       FROM generate_series(1, 70) g`,
      [departmentId],
    );
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 900 });
    await logInPage(page, testApp.baseUrl, email);
    await page.getByText('Здравствуйте').first().waitFor();
    await page.goto(`${testApp.baseUrl}/admin/pages/leadBoard`);
    const column = page.locator('[data-column="new"]');
    const cards = column.locator('[data-card]');
    const scrollToEnd = () =>
      column.getByTestId('column-cards').evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
    await column.getByText('Листаем 70', { exact: true }).waitFor();
    expect(await cards.count()).toBe(30);

    await scrollToEnd();
    await column.getByText('Листаем 40', { exact: true }).waitFor();
    expect(await cards.count()).toBe(60);

    // The server fails the next page: one request, a message, no retry loop.
    let failed = 0;
    await page.route(/\/admin\/api\/pages\/leadBoard\?.*column=new/, async (route) => {
      failed += 1;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ message: 'База данных временно недоступна.' }),
      });
    });
    await scrollToEnd();
    await page
      .getByTestId('board-message')
      .getByText('База данных временно недоступна. Столбец «Новый» загружен не полностью — обновите доску.')
      .waitFor();
    await page.waitForTimeout(1000);
    expect(failed).toBe(1);
    expect(await cards.count()).toBe(60);
    await page.close();
  });
});
