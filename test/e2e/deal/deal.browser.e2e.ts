import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('a deal in a browser', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lets a manager open a client, create a deal with two lines, sign it and see the summary', async () => {
    const [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Дмитрий Менеджер', departmentId });
    const client = await testApp.app
      .get(ClientService)
      .create({ companyName: 'ООО «Склад в браузере»', source: 'Звонок' }, { id: manager.id, departmentId });
    await testApp.dataSource.query(
      `INSERT INTO premises (object_type_id, zone, sector, number, area_m2)
       SELECT id, 'Б', '1', '7', 300 FROM object_type WHERE name = 'Многофункциональный мелкооптовый складской комплекс'`,
    );

    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, manager.email);
    await page.getByText('Здравствуйте, Дмитрий Менеджер!').waitFor();

    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${client.id}/show`);
    await page.getByTestId('client-status-panel').waitFor();
    // «Новая сделка», one of the card's actions.
    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${client.id}/newDeal`);
    await page.getByText('Договор', { exact: true }).click();
    await page.getByRole('button', { name: 'Новая сделка' }).last().click();
    await page.waitForURL(/\/admin\/resources\/Deal\/records\/\d+\/show/);
    const dealId = Number(/records\/(\d+)\//.exec(page.url())![1]);

    await page.goto(`${testApp.baseUrl}/admin/resources/Deal/records/${dealId}/editLines`);
    await page.getByRole('button', { name: 'Добавить строку' }).click();
    await page.locator('#deal-line-0-premises').fill('№ 7');
    await page.getByText(/зона Б, сектор 1, № 7/).click();
    await page.fill('#deal-line-0-term', '2');
    await page.fill('#deal-line-0-cost', '600000');
    await page.getByRole('button', { name: 'Добавить строку' }).click();
    await page.locator('#deal-line-1-kind').fill('ВЭД');
    await page.getByText('Услуга ВЭД', { exact: true }).click();
    await page.locator('#deal-line-1-service').fill('Фито');
    await page.getByText('Фитосанитарный контроль', { exact: true }).click();
    await page.fill('#deal-line-1-term', '1');
    await page.fill('#deal-line-1-cost', '150000,25');
    await page.getByRole('button', { name: 'Строки сделки' }).click();
    await page.waitForURL(`**/admin/resources/Deal/records/${dealId}/show`);

    await page.goto(`${testApp.baseUrl}/admin/resources/Deal/records/${dealId}/sign`);
    await page.getByRole('button', { name: 'Подписать' }).click();
    await page.waitForURL(`**/admin/resources/Deal/records/${dealId}/show`);
    const summary = (await page.getByTestId('deal-summary').innerText()).replace(/[\u00a0\u202f]/g, ' ');
    expect(summary).toContain('Помещение зона Б, сектор 1, № 7, 300 м², 1 200 000,00 ₽, 2 года');
    expect(summary).toContain('Услуга ВЭД «Фитосанитарный контроль», 150 000,25 ₽, 1 год');
    expect(summary).toContain('Итого: 300 м², 1 350 000,25 ₽, срок 2 года');
    const [deal] = (await testApp.dataSource.query(`SELECT status::text FROM deal WHERE id = $1`, [
      dealId,
    ])) as {
      status: string;
    }[];
    expect(deal.status).toBe('signed');

    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${client.id}/show`);
    await page.getByTestId('client-timeline').getByText('Итого: 300 м²').waitFor();
    await page.close();
  });
});
