import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { moscowToday } from '../../../src/common/moscow-date.js';
import { Client } from '../../../src/modules/client/entities/client.entity.js';
import { Lead } from '../../../src/modules/lead/entities/lead.entity.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/**
 * A manager converts a lead on a 1366×768 laptop, from the list of leads: «Взять в работу» from
 * the row's «…» menu, «Завершить обработку» from the lead's page, whose form comes with
 * «Преобразовать в клиента» → «Создать нового клиента» chosen, today's date and the cursor in the
 * text — four clicks in all — and lands on the new client's card, whose contact person has the
 * lead's name split into «Фамилия», «Имя», «Отчество».
 */
describe('converting a lead in a browser', () => {
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

  it('takes a lead into work from the list and converts it, landing on the new client’s card', async () => {
    const [{ id: objectTypeId, departmentId }] = (await testApp.dataSource.query(
      `SELECT id, department_id AS "departmentId" FROM object_type WHERE name = 'СТО'`,
    )) as { id: number; departmentId: number }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Ирина Менеджер', departmentId });
    const lead = await testApp.app
      .get(LeadService)
      .create(
        { name: 'Петров Иван Сергеевич', company: 'ООО «Шиномонтаж»', phone: '+74957001122', objectTypeId },
        { source: 'manual', draft: false },
      );
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await logInPage(page, testApp.baseUrl, manager.email);
    await page.getByText('Здравствуйте, Ирина Менеджер!').waitFor();
    await page.goto(`${testApp.baseUrl}/admin/resources/Lead`);
    const row = page.locator(`tr[data-id="${lead.id}"]`);
    await row.getByText('ООО «Шиномонтаж»').waitFor();
    let loads = 0;
    page.on('load', () => (loads += 1));

    // 1. The row's «…» menu (it opens on hover) → «Взять в работу».
    await row.getByTestId('actions-dropdown').hover();
    await row.getByText('Взять в работу', { exact: true }).click();
    await page.waitForURL(`**/admin/resources/Lead/records/${lead.id}/takeIntoWork`);
    expect(await page.inputValue('#lead-transition-date')).toBe(moscowToday());
    // The cursor waits in the text field: typing needs no click.
    await page.waitForFunction(() => document.activeElement?.id === 'lead-transition-text');
    await page.keyboard.type('Позвонили: нужен бокс на 2 поста');
    // 2. «Взять в работу» sends the form; the lead's page follows.
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await page.waitForURL(`**/admin/resources/Lead/records/${lead.id}/show`);

    // 3. «Завершить обработку» in the lead's header.
    await page.getByTestId('action-finishProcessing').click();
    await page.waitForURL(`**/admin/resources/Lead/records/${lead.id}/finishProcessing`);
    // Nothing similar in the base: «Преобразовать в клиента» → «Создать нового клиента» chosen.
    await page.getByTestId('lead-client-choice').waitFor();
    expect(await page.getByLabel('Преобразовать в клиента').isChecked()).toBe(true);
    expect(await page.getByLabel('Создать нового клиента').isChecked()).toBe(true);
    expect(await page.inputValue('#lead-transition-date')).toBe(moscowToday());
    await page.waitForFunction(() => document.activeElement?.id === 'lead-transition-text');
    await page.keyboard.type('Берут бокс с 1 числа');
    // 4. «Завершить обработку» sends it and opens the new client's card.
    await page.getByRole('button', { name: 'Завершить обработку' }).click();
    await page.waitForURL(/\/admin\/resources\/Client\/records\/\d+\/show$/);

    const shownId = Number(/Client\/records\/(\d+)\/show/.exec(page.url())![1]);
    const converted = await testApp.dataSource.getRepository(Lead).findOneByOrFail({ id: lead.id });
    expect(converted).toMatchObject({
      status: 'processed',
      outcome: 'convert',
      clientId: shownId,
      primaryResult: 'Позвонили: нужен бокс на 2 поста',
      summary: 'Берут бокс с 1 числа',
    });
    const client = await testApp.dataSource.getRepository(Client).findOneByOrFail({ id: shownId });
    expect(client).toMatchObject({ createdFromLeadId: lead.id, companyName: 'ООО «Шиномонтаж»' });
    expect(client.contacts).toEqual([
      expect.objectContaining({ lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич' }),
    ]);

    // Two page loads from the list to the card: one after each form.
    expect(loads).toBeLessThanOrEqual(2);
    // The card lists the contact person «Фамилия Имя Отчество»; its form has each part in its field.
    const contacts = page.getByTestId('client-contacts');
    await contacts.waitFor();
    expect((await contacts.innerText()).replace(/\s+/g, ' ')).toContain('Петров Иван Сергеевич');
    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${shownId}/edit`);
    const part = (name: string) => page.locator(`input[name="contacts.0.${name}"]`);
    await part('lastName').waitFor();
    expect(await part('lastName').inputValue()).toBe('Петров');
    expect(await part('firstName').inputValue()).toBe('Иван');
    expect(await part('middleName').inputValue()).toBe('Сергеевич');
    const outside = browser.requests.filter((url) => !url.startsWith(testApp.baseUrl));
    expect(outside).toEqual([]);
    await page.close();
  });
});
