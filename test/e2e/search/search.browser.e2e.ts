import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('«Поиск» in the browser', () => {
  let testApp: TestApp;
  let managerEmail: string;
  let clientId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      'SELECT id FROM department ORDER BY id LIMIT 1',
    )) as { id: number }[];
    const admin = await createUser(testApp.app, 'admin');
    managerEmail = (await createUser(testApp.app, 'manager', { departmentId })).email;
    clientId = (
      await testApp.app
        .get(ClientService)
        .create(
          { companyName: 'ООО «Ромашка»', source: 'Звонок', departmentId, phone: '+74952302772' },
          { id: admin.id },
        )
    ).id;
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('finds as you type, says when nothing is found, and opens the record clicked', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await logInPage(page, testApp.baseUrl, managerEmail);
      await page.getByText('Здравствуйте').first().waitFor();
      await page.goto(`${testApp.baseUrl}/admin/pages/search`);
      const box = page.getByRole('searchbox', { name: 'Что найти' });
      await box.pressSequentially('Щъщъщъ');
      await page.getByTestId('search-nothing').waitFor();
      await box.fill('');
      await box.pressSequentially('8 (495) 230-27-72');
      const clients = page.getByTestId('search-group-clients');
      await clients.getByText('Клиенты').waitFor();
      await clients.getByRole('link', { name: 'ООО «Ромашка»' }).click();
      await page.waitForURL(`**/admin/resources/Client/records/${clientId}/show`);
      await page.getByText('ООО «Ромашка»').first().waitFor();
      await page.close();
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('opens the search page with what was typed into the top bar’s field', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await logInPage(page, testApp.baseUrl, managerEmail);
      await page.getByText('Здравствуйте').first().waitFor();
      const field = page.getByRole('searchbox', { name: 'Поиск по CRM' });
      await field.fill('Рамашка');
      await field.press('Enter');
      await page.waitForURL('**/admin/pages/search?q=*');
      expect(new URL(page.url()).searchParams.get('q')).toBe('Рамашка');
      await expect(page.getByRole('searchbox', { name: 'Что найти' }).inputValue()).resolves.toBe('Рамашка');
      await page.getByTestId('search-group-clients').getByRole('link', { name: 'ООО «Ромашка»' }).waitFor();
      await page.close();
    } finally {
      await browser.close();
    }
  }, 180_000);
});
