import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';

import { Lead } from '../../../src/modules/lead/entities/lead.entity.js';
import { moscowToday } from '../../../src/modules/lead/lead.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, TEST_PASSWORD } from '../../helpers/users.js';

describe('the back-office in a browser', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let context: BrowserContext;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await openBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  const logInAs = (page: Page, email: string, password = TEST_PASSWORD) =>
    logInPage(page, testApp.baseUrl, email, password);

  it('shows the login page in Russian and refuses a wrong password in Russian', async () => {
    const page = await context.newPage();
    await page.goto(`${testApp.baseUrl}/admin/login`);
    await expect(page.getByText('Эл. почта', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Войти' }).count()).resolves.toBe(1);
    await logInAs(page, 'nobody@kosino.test', 'wrong-password-1');
    await page.getByText('Неверная эл. почта или пароль').waitFor();
    await page.close();
  });

  it('lets an administrator in, to Russian navigation and dictionaries, with no request leaving the machine', async () => {
    const admin = await createUser(testApp.app, 'admin', { fullName: 'Анна Администратор' });
    const page = await context.newPage();
    await logInAs(page, admin.email);
    await page.getByText('Здравствуйте, Анна Администратор!').waitFor();
    await page.getByText('Справочники').first().waitFor();
    await page.getByText('Администрирование').first().waitFor();
    await expect(page.getByText(/не указаны: эл\. почта менеджеров/).count()).resolves.toBe(3);

    await page.goto(`${testApp.baseUrl}/admin/resources/Department`);
    await page.getByText('Департамент ВЭД').waitFor();
    await expect(page.getByText('Эл. почта менеджеров (Кому)').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'Создать' }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: 'var/test-artifacts/departments.png', fullPage: true });

    const body = await page.textContent('body');
    expect(body).not.toMatch(/\b(Create new|Filter|Dashboard|Log out|Actions)\b/);
    const external = browser.requests.filter(
      (url) => !url.startsWith(testApp.baseUrl) && !url.startsWith('data:'),
    );
    expect(external).toEqual([]);
    await page.close();
  });

  it('shows the built-in texts of selects in Russian', async () => {
    const admin = await createUser(testApp.app, 'admin');
    const page = await context.newPage();
    await logInAs(page, admin.email);
    await page.getByText('Здравствуйте').first().waitFor();
    await page.goto(`${testApp.baseUrl}/admin/resources/User/actions/new`);
    const placeholder = page.locator('[id^=react-select-][class*=-placeholder]').first();
    await placeholder.getByText('Выберите…', { exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Select...');
    // An empty list says so in Russian too.
    await page.locator('[id^=react-select-][id$=-input]').first().fill('нет такого варианта');
    await page.getByText('Нет вариантов', { exact: true }).waitFor();
    await page.close();
  });

  it('starts a new user ticked «Активен», as it will be saved, and keeps an inactive one unticked', async () => {
    const admin = await createUser(testApp.app, 'admin');
    const page = await context.newPage();
    await logInAs(page, admin.email);
    await page.getByText('Здравствуйте').first().waitFor();
    await page.goto(`${testApp.baseUrl}/admin/resources/User/actions/new`);
    const active = page.getByTestId('property-edit-active').locator('input[type=checkbox]');
    await expect(active.isChecked()).resolves.toBe(true);
    await page.fill('input[name=fullName]', 'Новая Сотрудница');
    await page.fill('input[name=email]', 'new.staff@kosino.test');
    await page.getByTestId('property-edit-role').locator('input').fill('Комит');
    await page.getByText('Комитет', { exact: true }).click();
    await page.fill('input[name=password]', 'new-staff-password-1');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Запись создана').waitFor();
    const [created] = (await testApp.dataSource.query(
      `SELECT id, active FROM app_user WHERE email = 'new.staff@kosino.test'`,
    )) as { id: number; active: boolean }[];
    expect(created.active).toBe(true);

    await testApp.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [created.id]);
    await page.goto(`${testApp.baseUrl}/admin/resources/User/records/${created.id}/edit`);
    await page.getByTestId('property-edit-fullName').waitFor();
    await expect(active.isChecked()).resolves.toBe(false);
    await page.close();
  });

  it('lets a manager record a call, take the lead into work with the date defaulting to today, and see its history', async () => {
    // A manager of the department «Аптека» leads go to: they take its leads into work.
    const [{ departmentId }] = (await testApp.dataSource.query(
      `SELECT department_id AS "departmentId" FROM object_type WHERE name = 'Аптека'`,
    )) as { departmentId: number }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Олег Менеджер', departmentId });
    const managerBrowser = await openBrowser();
    try {
      const page = await managerBrowser.context.newPage();
      await logInAs(page, manager.email);
      await page.getByText('Здравствуйте, Олег Менеджер!').waitFor();

      await page.goto(`${testApp.baseUrl}/admin/resources/Lead/actions/new`);
      await page.fill('input[name=company]', 'ООО «Аптека плюс»');
      await page.fill('input[name=name]', 'Анна');
      await page.fill('input[name=phone]', '8 (495) 000-00-01');
      const objectType = page.locator('[data-testid="property-edit-objectTypeId"]');
      await objectType.locator('input').fill('Апт');
      await page.getByText('Аптека', { exact: true }).click();
      await page.getByText('Сразу отправить в работу (статус «Новый», письмо отделу)').click();
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.waitForURL(/\/admin\/resources\/Lead\/records\/\d+\/show/);
      const lead = await testApp.dataSource
        .getRepository(Lead)
        .findOneByOrFail({ company: 'ООО «Аптека плюс»' });
      expect(lead).toMatchObject({ status: 'new', source: 'manual', phone: '+74950000001' });

      await page.goto(`${testApp.baseUrl}/admin/resources/Lead/records/${lead.id}/takeIntoWork`);
      await page.getByText('Результат первичной обработки').first().waitFor();
      expect(await page.inputValue('input[name=processedOn]')).toBe(moscowToday());
      await page.getByRole('button', { name: 'Взять в работу' }).click();
      await page.getByText('Заполните поле «Результат первичной обработки»').first().waitFor();

      await page.fill('textarea[name=primaryResult]', 'Нужна аптека 70 м² у входа');
      await page.getByRole('button', { name: 'Взять в работу' }).click();
      await page.waitForURL(`**/admin/resources/Lead/records/${lead.id}/show`);
      const history = page.getByTestId('lead-status-history');
      await history.waitFor();
      const rows = await history.locator('tbody tr').allInnerTexts();
      expect(
        rows.map((row) =>
          row
            .split('\t')
            .slice(1)
            .map((cell) => cell.trim()),
        ),
      ).toEqual([
        ['Создан', 'Новый', 'Олег Менеджер'],
        ['Новый', 'Выяснение потребности', 'Олег Менеджер'],
      ]);
      const saved = await testApp.dataSource.getRepository(Lead).findOneByOrFail({ id: lead.id });
      expect(saved).toMatchObject({ status: 'qualifying', primaryResult: 'Нужна аптека 70 м² у входа' });
    } finally {
      await managerBrowser.close();
    }
  });

  it('shows a manager a workspace without dictionaries or users', async () => {
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Мария Менеджер' });
    const managerContext = await openBrowser();
    try {
      const page = await managerContext.context.newPage();
      await logInAs(page, manager.email);
      await page.getByText('Здравствуйте, Мария Менеджер!').waitFor();
      await expect(page.getByText('Справочники').count()).resolves.toBe(0);
      await expect(page.getByText('Пользователи').count()).resolves.toBe(0);
      await expect(page.getByText('CRM').count()).resolves.toBeGreaterThan(0);
    } finally {
      await managerContext.close();
    }
  });
});
