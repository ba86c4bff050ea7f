import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

// Russian numbers use no-break spaces; the assertions write them as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const TIME = /\d{2}:\d{2}/;

/**
 * What a person reads in the back-office, in Russian formats (src/common/ru-format.ts), from a
 * browser in New York: moments in Moscow time, calendar dates without a time and without the
 * shift to the day before that a browser west of Greenwich made of them.
 */
describe('formats in the back-office', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await openBrowser({ timezoneId: 'America/New_York' });
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('shows dates, moments, money, areas, turnover and phones in Russian and reads dates as typed', async () => {
    const query = (sql: string, parameters: unknown[] = []) =>
      testApp.dataSource.query(sql, parameters) as Promise<{ id: number }[]>;
    const [{ id: departmentId }] = await query(`SELECT id FROM department WHERE name = 'Департамент ВЭД'`);
    const [{ id: objectTypeId }] = await query(`SELECT id FROM object_type WHERE name = 'Таможня'`);
    const manager = await createUser(testApp.app, 'manager', { departmentId });
    const admin = await createUser(testApp.app, 'admin', { fullName: 'Анна Форматова' });

    // A lead processed on dates typed the Russian way and the ISO way.
    const leads = testApp.app.get(LeadService);
    const lead = await leads.create(
      { name: 'Ирина', company: 'ООО «Формат-Лид»', phone: '8 (495) 230-27-72', objectTypeId },
      { source: 'manual', draft: false, actor: manager },
    );
    await leads.takeIntoWork(lead.id, { primaryResult: 'Нужен склад', processedOn: '05.03.2026' }, manager);
    await leads.finishProcessing(
      lead.id,
      { summary: 'Выбрали другой парк', processedOn: '2026-03-06', outcome: 'inactive' },
      manager,
    );
    await query(`UPDATE lead SET created_at = '2026-03-05T16:07:00Z' WHERE id = $1`, [lead.id]);

    const client = await testApp.app.get(ClientService).create(
      {
        companyName: 'ООО «Формат-Клиент»',
        source: 'Звонок',
        phone: '+7 495 123 45 67',
        turnoverEnabled: true,
        turnoverValue: '150000',
        turnoverUnit: 'thousand_tonnes',
        turnoverYear: '2025',
        fullNameEnabled: true,
        contacts: [{ lastName: 'Петров', phone: '8 916 555-12-34' }],
      },
      { id: manager.id, departmentId },
    );
    await query(`UPDATE client SET added_on = '2026-03-06' WHERE id = $1`, [client.id]);
    const [{ id: premisesId }] = await query(
      `INSERT INTO premises (object_type_id, zone, sector, number, area_m2)
       SELECT id, 'Ф', '1', '25', 2568 FROM object_type WHERE name = 'Таможня' RETURNING id`,
    );
    const deals = testApp.app.get(DealService);
    const deal = await deals.create(
      client.id,
      { kind: 'contract', dealDate: '10.03.2026', startsOn: '2026-04-01' },
      { id: manager.id },
    );
    await deals.saveLines(
      deal.id,
      [{ kind: 'premises', premisesId, termYears: 1, costPerYear: '1234567.89' }],
      {
        id: manager.id,
      },
    );

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await logInPage(page, testApp.baseUrl, admin.email);
    await page.getByText('Здравствуйте, Анна Форматова!').waitFor();
    /** The page's text once `ready` shows, checked for ISO dates. */
    const open = async (path: string, ready: string): Promise<string> => {
      await page.goto(`${testApp.baseUrl}${path}`);
      await page.getByText(ready).first().waitFor();
      const text = plain(await page.locator('body').innerText());
      expect(text).not.toMatch(ISO_DATE);
      return text;
    };
    const field = async (where: 'list' | 'show', path: string) =>
      plain(await page.getByTestId(`property-${where}-${path}`).first().innerText());

    await open('/admin/resources/Lead', 'ООО «Формат-Лид»');
    expect(await field('list', 'createdAt')).toBe('05.03.2026, 19:07');
    expect(await field('list', 'phone')).toBe('+7 (495) 230-27-72');
    // A phone filter typed another way finds the lead all the same.
    await open(
      `/admin/resources/Lead?filters.phone=${encodeURIComponent('+7 495 230-27-72')}`,
      'ООО «Формат-Лид»',
    );

    await open(`/admin/resources/Lead/records/${lead.id}/show`, 'Выбрали другой парк');
    expect(await field('show', 'phone')).toContain('+7 (495) 230-27-72');
    expect(await field('show', 'createdAt')).toContain('05.03.2026, 19:07');
    for (const [path, date] of [
      ['primaryResultDate', '05.03.2026'],
      ['summaryDate', '06.03.2026'],
    ]) {
      const text = await field('show', path);
      expect(text).toContain(date);
      expect(text).not.toMatch(TIME);
    }

    await open('/admin/resources/Client', 'ООО «Формат-Клиент»');
    expect(await field('list', 'addedOn')).toBe('06.03.2026');

    const card = await open(`/admin/resources/Client/records/${client.id}/show`, 'Петров');
    const addedOn = await field('show', 'addedOn');
    expect(addedOn).toContain('06.03.2026');
    expect(addedOn).not.toMatch(TIME);
    expect(await field('show', 'phone')).toContain('+7 (495) 123-45-67');
    expect(await field('show', 'turnoverValue')).toContain('150 000 тыс. т');
    expect(card).toContain('+7 (916) 555-12-34');
    // On the timeline: the deal's date beside it, its kind and status.
    expect(card).toContain(`Сделка №${deal.id} (Договор, черновик)`);
    expect(await page.getByTestId('timeline-deal').innerText()).toContain('10.03.2026');
    expect(card).toContain('2 568 м², 1 234 567,89 ₽, 1 год');

    // The form shows the phone the same way and takes it typed any other way.
    await page.goto(`${testApp.baseUrl}/admin/resources/Client/records/${client.id}/edit`);
    const phoneInput = page.locator('input[name=phone]');
    await expect(phoneInput.inputValue()).resolves.toBe('+7 (495) 123-45-67');
    // The turnover too, and it takes a number typed the Russian way.
    const turnoverInput = page.locator('input[name=turnoverValue]');
    expect(plain(await turnoverInput.inputValue())).toBe('150 000');
    await turnoverInput.fill('2 500,5');
    await phoneInput.fill('8 495 765 43 21');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Карточка клиента сохранена').waitFor();
    const [saved] = (await testApp.dataSource.query(
      `SELECT phone, turnover_value AS turnover FROM client WHERE id = $1`,
      [client.id],
    )) as { phone: string; turnover: string }[];
    expect(saved).toEqual({ phone: '+74957654321', turnover: '2500.500' });

    await open(`/admin/resources/Deal/records/${deal.id}/show`, 'Итого');
    expect(await field('show', 'dealDate')).toContain('10.03.2026');
    expect(await field('show', 'startsOn')).toContain('01.04.2026');
    // The total is one of the deal's facts under its heading (record-page.tsx).
    expect(plain(await page.getByTestId('record-facts').innerText())).toContain('1 234 567,89 ₽');
    expect(await field('show', 'summaryPanel')).toContain('Итого: 2 568 м², 1 234 567,89 ₽, срок 1 год');

    await open('/admin/resources/User', 'Анна Форматова');
    const [{ lastLoginAt }] = (await testApp.dataSource.query(
      `SELECT last_login_at AS "lastLoginAt" FROM app_user WHERE id = $1`,
      [admin.id],
    )) as { lastLoginAt: Date }[];
    const moscow = new Intl.DateTimeFormat('ru-RU', {
      timeZone: 'Europe/Moscow',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(lastLoginAt);
    const row = page.getByRole('row').filter({ hasText: 'Анна Форматова' });
    expect(plain(await row.getByTestId('property-list-lastLoginAt').innerText())).toBe(moscow);

    await typeDate(page, testApp.baseUrl);
    const [day] = (await testApp.dataSource.query(
      `SELECT day::text AS day FROM working_calendar_day WHERE name = 'День форматов'`,
    )) as { day: string }[];
    expect(day).toEqual({ day: '2026-03-15' });
  });
});

/** «Производственный календарь» → «Создать»: the date typed as ДД.ММ.ГГГГ, the calendar in Russian. */
async function typeDate(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/resources/WorkingCalendarDay/actions/new`);
  const input = page.getByTestId('property-edit-day').locator('input');
  await input.click();
  const month = page.locator('.react-datepicker__current-month');
  await month.waitFor();
  expect(await month.innerText()).toMatch(/^[а-яё]+ \d{4}$/);
  expect(await page.locator('.react-datepicker').innerText()).not.toMatch(/[A-Za-z]{3,}/);
  await input.pressSequentially('15.03.2026');
  await page.keyboard.press('Escape');
  expect(await input.inputValue()).toBe('15.03.2026');
  await page.getByTestId('property-edit-kind').locator('input').fill('Нерабоч');
  await page.getByText('Нерабочий день', { exact: true }).click();
  await page.fill('input[name=name]', 'День форматов');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.waitForURL(/\/admin\/resources\/WorkingCalendarDay(\/records\/\d+\/show|\?|$)/);
}
