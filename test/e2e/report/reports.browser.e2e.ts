import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { moscowToday } from '../../../src/common/moscow-date.js';
import { weekOf } from '../../../src/modules/report/report-periods.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { pdfText } from '../../helpers/pdf-text.js';
import { seedReportFixture } from '../../helpers/report-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const russianDate = (iso: string) => iso.split('-').reverse().join('.');

describe('reports in a browser', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let managerEmail: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await openBrowser();
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Производственно-складской сектор'`,
    )) as { id: number }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Мария Тестова', departmentId });
    managerEmail = manager.email;
    await seedReportFixture(testApp.dataSource, manager.id);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it("shows a manager this week's figures of their department with the charts on the home page", async () => {
    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, managerEmail);
    const week = page.getByTestId('dashboard-week');
    const today = moscowToday();
    await week
      .getByText(
        `Производственно-складской сектор: неделя ${russianDate(weekOf(today).start)} — ${russianDate(today)}`,
      )
      .waitFor();
    await week.getByText('Воронка клиентов: Стандартная воронка').waitFor();
    await week.getByText('Воронка клиентов: Воронка секторов 1 и 2').waitFor();
    // The funnel's bars are SVG, one per stage, labelled for screen readers.
    expect(await week.locator('svg[aria-label^="Договор подписан"]').count()).toBeGreaterThan(0);
    await page.close();
  }, 180_000);

  it('lets a manager order last week’s committee report and get the PDF', async () => {
    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, managerEmail);
    await page.getByText('Здравствуйте, Мария Тестова!').waitFor();
    await page.goto(`${testApp.baseUrl}/admin/resources/Report/actions/requestReport`);
    const form = page.getByTestId('report-request-form');
    await form.getByText('Отчёт для оперативного совещания').waitFor();
    await page.fill('#report-period-start', '2026-11-16');
    await page.fill('#report-period-end', '2026-11-22');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Сформировать и скачать PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      'Отчёт для оперативного совещания, Производственно-складской сектор, 16.11.2026 — 22.11.2026.pdf',
    );
    const text = await pdfText(await readFile((await download.path())!));
    expect(text).toContain('Всего 4 1 +3');
    await form.getByText('Отчёт готов: PDF скачивается').waitFor();

    await page.goto(`${testApp.baseUrl}/admin/resources/Report`);
    await page.getByText('Скачать PDF').first().waitFor();
    // Enum values read as the locale has them (not Title-Cased by AdminJS).
    await page.getByText('Не рассылается (по запросу)', { exact: true }).first().waitFor();
    await page.getByText('Отчёт для оперативного совещания', { exact: true }).first().waitFor();
    await page.close();
  }, 180_000);
});
