import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { Client } from '../../../src/modules/client/entities/client.entity.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('the client card in a browser', () => {
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

  it('shows a mini-block only once ticked, keeps two contact persons, and works the status and history on the card', async () => {
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Департамент ВЭД'`,
    )) as { id: number }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Ирина Менеджер', departmentId });
    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, manager.email);
    await page.getByText('Здравствуйте, Ирина Менеджер!').waitFor();

    await page.goto(`${testApp.baseUrl}/admin/resources/Client/actions/new`);
    await page.fill('input[name=companyName]', 'ООО «Браузерный клиент»');
    await page.fill('input[name=source]', 'Выставка');
    const sector = page.locator('[data-testid="property-edit-sectorId"]');
    await sector.locator('input').fill('Сектор 1');
    await page.getByText('Сектор 1', { exact: true }).click();
    await page.getByTestId('sector-description').getByText('ФРОВ, бакалея, молочная продукция').waitFor();
    expect(await page.locator('input[name=inn]').count()).toBe(0);
    await page.getByText('ИНН', { exact: true }).first().click();
    await page.locator('input[name=inn]').fill('7707083893');
    await page.getByText('ФИО', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Добавить контактное лицо' }).click();
    await page.locator('input[name="contacts.0.lastName"]').fill('Кузнецов');
    await page.getByRole('button', { name: 'Добавить контактное лицо' }).click();
    await page.locator('input[name="contacts.1.lastName"]').fill('Орлова');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForURL(/\/admin\/resources\/Client\/records\/\d+\/show/);

    const client = await testApp.dataSource
      .getRepository(Client)
      .findOneByOrFail({ companyName: 'ООО «Браузерный клиент»' });
    expect(client).toMatchObject({ inn: '7707083893', innEnabled: true, departmentId });
    const [pipeline] = (await testApp.dataSource.query(`SELECT code FROM pipeline WHERE id = $1`, [
      client.pipelineId,
    ])) as { code: string }[];
    expect(pipeline.code).toBe('sectors_1_2');
    expect(client.contacts.map((person) => person.lastName)).toEqual(['Кузнецов', 'Орлова']);
    await page.getByText('7707083893').first().waitFor();
    await page.getByText('Кузнецов').first().waitFor();
    await page.getByText('Орлова').first().waitFor();
    await page.getByTestId('client-next-step').waitFor();
    expect(await page.getByTestId('client-status-panel').innerText()).toContain('Новый');

    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${client.id}/addHistoryEvent`);
    await page.locator('#history-event-type').fill('После');
    await page.getByText('После продажное сопровождение', { exact: true }).click();
    await page.fill('#history-event-comment', 'Обсудили продление договора');
    await page.getByRole('button', { name: 'Добавить событие' }).click();
    await page.waitForURL(`**/admin/resources/Client/records/${client.id}/show`);
    await page.getByTestId('client-timeline').getByText('Обсудили продление договора').waitFor();

    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${client.id}/changeStatus`);
    await page.getByText('Этап пройден — перейти к этапу «Проявлен интерес к клиенту»').click();
    await page.getByText('Добавить комментарий').click();
    await page.fill('#client-status-remark', 'Клиент ждёт условия');
    await page.getByRole('button', { name: 'Сменить статус' }).click();
    await page.waitForURL(`**/admin/resources/Client/records/${client.id}/show`);
    const timeline = page.getByTestId('client-timeline');
    await timeline.getByText('Клиент ждёт условия').waitFor();
    expect(await page.getByTestId('client-status-panel').innerText()).toContain('Проявлен интерес к клиенту');

    const outside = browser.requests.filter((url) => !url.startsWith(testApp.baseUrl));
    expect(outside).toEqual([]);
    await page.close();
  });
});
