import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
];

/**
 * A record's page as a manager works from it (record-page.tsx, client-timeline.tsx), in Chromium
 * on laptop screens: the client card's facts and every action in the first screen, its fields in
 * sections without the empty ones, the timeline beside them where an event added inline appears
 * without leaving the card; the lead's status history and the deal's summary in the first screen.
 */
describe('record pages as a workplace', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let clientId = 0;
  let dealId = 0;
  let leadId = 0;

  beforeAll(async () => {
    testApp = await startTestApp();
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Департамент ВЭД'`,
    )) as { id: number }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Ирина Рабочая', departmentId });
    const actor = { id: manager.id, departmentId };
    clientId = (
      await testApp.app
        .get(ClientService)
        .create({ companyName: 'ООО «Рабочее место»', source: 'Звонок', phone: '8 (495) 230-27-72' }, actor)
    ).id;
    dealId = (
      await testApp.app.get(DealService).create(clientId, { kind: 'contract', dealDate: '2026-05-01' }, actor)
    ).id;
    const [{ id: objectTypeId }] = (await testApp.dataSource.query(
      'SELECT id FROM object_type WHERE department_id = $1 ORDER BY id LIMIT 1',
      [departmentId],
    )) as { id: number }[];
    const leads = testApp.app.get(LeadService);
    leadId = (
      await leads.create(
        { name: 'Пётр Лидов', company: 'ООО «Лид на странице»', phone: '+74952302773', objectTypeId },
        { source: 'manual', draft: false, actor },
      )
    ).id;
    await leads.takeIntoWork(leadId, { primaryResult: 'Созвонились' }, actor);

    browser = await openBrowser();
    page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, manager.email);
    await page.getByText('Здравствуйте, Ирина Рабочая!').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  const open = async (path: string, ready: string) => {
    await page.goto(`${testApp.baseUrl}${path}`);
    await page.getByTestId(ready).first().waitFor();
  };
  const inFirstScreen = async (testId: string) => {
    const box = await page.getByTestId(testId).first().boundingBox();
    return box !== null && box.y < (page.viewportSize()?.height ?? 0);
  };
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('shows the client card with its facts, actions and timeline in the first screen, no empty fields', async () => {
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      await open(`/admin/resources/Client/records/${clientId}/show`, 'client-timeline');
      const facts = await page.getByTestId('record-facts').innerText();
      expect(facts).toContain('Этап');
      expect(facts).toContain('Состояние');
      expect(facts).toContain('В работе');
      expect(facts).toContain('Ответственный');
      expect(facts).toContain('Ирина Рабочая');
      // Every action of the header inside the screen, none overlapping the heading.
      const buttons = page.locator('.crm-action-header__actions a, .crm-action-header__actions button');
      expect(await buttons.count()).toBeGreaterThanOrEqual(5);
      for (const box of await buttons.evaluateAll((elements) =>
        elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect),
      )) {
        expect(box.right).toBeLessThanOrEqual(screen.width);
        expect(box.bottom).toBeLessThanOrEqual(screen.height);
      }
      expect(await inFirstScreen('client-timeline')).toBe(true);
      expect(await overflow()).toBe(0);
      const fields = await page.getByTestId('record-fields').innerText();
      expect(fields).toContain('+7 (495) 230-27-72');
      // Nothing was written in «Почта» or «Адрес»: they are not shown at all.
      expect(fields).not.toContain('Почта');
      // No ISO date anywhere on the page: the facts, the fields and the timeline in Russian format.
      expect(await page.locator('body').innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      // The deal is on the timeline with its number.
      await page.getByTestId('timeline-deal').getByText(`Сделка №${dealId}`).waitFor();
    }
  });

  it('adds an event inline: it appears at the top of the timeline without leaving the card', async () => {
    await page.setViewportSize(SCREENS[0]);
    const url = `${testApp.baseUrl}/admin/resources/Client/records/${clientId}/show`;
    await open(`/admin/resources/Client/records/${clientId}/show`, 'timeline-new-event');
    const form = page.getByTestId('timeline-new-event');
    // The header's «Добавить событие» takes the manager to this form, not to another page.
    await page.getByTestId('action-addHistoryEvent').click();
    await expect(
      form.locator('#timeline-event-type').evaluate((input) => input === document.activeElement),
    ).resolves.toBe(true);
    expect(page.url()).toBe(url);
    // Without a type the server refuses in Russian, and what was typed stays.
    await form.locator('#timeline-event-comment').fill('Договорились о просмотре склада');
    await form.getByRole('button', { name: 'Добавить событие' }).click();
    await form
      .getByText(/Выберите тип события|тип события/i)
      .first()
      .waitFor();
    expect(await form.locator('#timeline-event-comment').inputValue()).toBe(
      'Договорились о просмотре склада',
    );

    await form.locator('#timeline-event-type').fill('После');
    await page.getByText('После продажное сопровождение', { exact: true }).click();
    await form.getByRole('button', { name: 'Добавить событие' }).click();
    const first = page.getByTestId('client-timeline').locator('li').first();
    await first.getByText('Договорились о просмотре склада').waitFor();
    expect(page.url()).toBe(url);
    expect(await form.locator('#timeline-event-comment').inputValue()).toBe('');
    const stored = (await testApp.dataSource.query(
      `SELECT count(*)::int AS count FROM history_event WHERE client_id = $1 AND comment = $2`,
      [clientId, 'Договорились о просмотре склада'],
    )) as { count: number }[];
    expect(stored[0].count).toBe(1);
  });

  it('adds an event with a file inline: the file is on the timeline and stored with the event', async () => {
    await page.setViewportSize(SCREENS[0]);
    const url = `${testApp.baseUrl}/admin/resources/Client/records/${clientId}/show`;
    await open(`/admin/resources/Client/records/${clientId}/show`, 'timeline-new-event');
    const form = page.getByTestId('timeline-new-event');
    await form.locator('#timeline-event-type').fill('После');
    await page.getByRole('option', { name: 'После продажное сопровождение' }).click();
    await form.locator('#timeline-event-comment').fill('Прислали подписанный акт');
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(2000, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    await form
      .locator('#timeline-event-files')
      .setInputFiles({ name: 'Акт приёма.pdf', mimeType: 'application/pdf', buffer: pdf });
    expect(await form.getByTestId('timeline-event-file-names').innerText()).toBe('Акт приёма.pdf');
    await form.getByRole('button', { name: 'Добавить событие' }).click();
    const entry = page.getByTestId('timeline-event').filter({ hasText: 'Прислали подписанный акт' });
    await entry.getByRole('link', { name: 'Акт приёма.pdf' }).waitFor();
    expect(page.url()).toBe(url);
    expect(await form.getByTestId('timeline-event-file-names').innerText()).toBe('');
    const stored = (await testApp.dataSource.query(
      `SELECT attachment_names AS names FROM history_event WHERE client_id = $1 AND comment = $2`,
      [clientId, 'Прислали подписанный акт'],
    )) as { names: string[] }[];
    expect(stored).toEqual([{ names: ['Акт приёма.pdf'] }]);
  });

  it('shows the lead’s status history and the deal’s summary in the first screen', async () => {
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      await open(`/admin/resources/Lead/records/${leadId}/show`, 'lead-status-history');
      expect(await inFirstScreen('lead-status-history')).toBe(true);
      expect(await page.getByTestId('record-facts').innerText()).toContain('Выяснение потребности');
      expect(await page.getByTestId('record-side').innerText()).not.toContain('statusHistory');
      expect(await overflow()).toBe(0);

      await open(`/admin/resources/Deal/records/${dealId}/show`, 'deal-summary');
      expect(await inFirstScreen('deal-summary')).toBe(true);
      expect(await page.getByTestId('record-facts').innerText()).toContain('ООО «Рабочее место»');
      expect(await page.getByTestId('record-side').innerText()).not.toContain('summaryPanel');
      expect(await overflow()).toBe(0);
    }
  });

  it('shows the client’s «Срок» in red once it has passed', async () => {
    await page.setViewportSize(SCREENS[0]);
    await testApp.dataSource.query(
      `UPDATE client SET stage_due_at = now() - interval '2 days' WHERE id = $1`,
      [clientId],
    );
    await open(`/admin/resources/Client/records/${clientId}/show`, 'record-facts');
    const overdue = page.locator('.crm-record__fact--overdue');
    expect(await overdue.innerText()).toContain('Срок');
    const color = await overdue
      .locator('dd')
      .evaluate((element) => getComputedStyle(element.querySelector('*') ?? element).color);
    expect(color).toBe('rgb(194, 0, 18)');
  });
});
