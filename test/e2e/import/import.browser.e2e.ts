import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';

import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/**
 * Bitrix24's export of companies with one row that cannot be imported (no name), and a column
 * whose header nothing maps automatically («Заметки менеджера»).
 */
const COMPANIES = [
  'ID;Название компании;ИНН;Рабочий телефон;Рабочий e-mail;Заметки менеджера',
  '501;ООО «Импорт-Первый»;;+7 (495) 100-20-31;first@import.example;Склад в Коротково',
  '502;АО «Импорт-Второй»;;8 916 100-20-32;second@import.example;',
  '503;;;+7 (495) 100-20-33;;Без названия',
  '504;ИП «Импорт-Четвёртый»;;+7 495 100 20 34;fourth@import.example;Перезвонить',
].join('\r\n');

/**
 * The «Импорт» page in Chromium with the background worker on, as a manager uses it: upload a
 * file, map one more column, «Проверить» and its «Скачать ошибки», «Импортировать» with the
 * progress bar to its end (and a reload that comes back to the import), «Скачать ошибки» as an
 * Excel file.
 */
describe('the import page', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let departmentId = 0;

  const count = async (sql: string, parameters: unknown[] = []) =>
    Number(((await testApp.dataSource.query(sql, parameters)) as { n: number }[])[0].n);

  beforeAll(async () => {
    testApp = await startTestApp({ IMPORT_WORKER: 'on', IMPORT_POLL_MS: '200' });
    [{ id: departmentId }] = (await testApp.dataSource.query(
      'SELECT id FROM department ORDER BY id LIMIT 1',
    )) as {
      id: number;
    }[];
    const manager = await createUser(testApp.app, 'manager', { departmentId });
    browser = await openBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await logInPage(page, testApp.baseUrl, manager.email);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('uploads, maps a column, checks, imports with the progress bar and downloads the errors', async () => {
    const clientsBefore = await count('SELECT count(*)::int AS n FROM client');
    await page.goto(`${testApp.baseUrl}/admin/pages/import`);
    await page.getByRole('heading', { name: 'Импорт данных' }).waitFor();

    await page.setInputFiles('[data-testid=import-file]', {
      name: 'компании.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(COMPANIES, 'utf8'),
    });
    await page.getByRole('heading', { name: 'Импорт «компании.csv»' }).waitFor();
    expect(page.url()).toMatch(/[?&]job=\d+/);
    await expect(page.getByTestId('import-detected').textContent()).resolves.toMatch(
      /CSV.*4\s+строки данных/,
    );
    await expect(page.locator('#import-kind').inputValue()).resolves.toBe('company');

    // The column nothing mapped: «Заметки менеджера» → «Комментарий».
    const notes = page.getByLabel('Поле для столбца «Заметки менеджера»');
    await expect(notes.inputValue()).resolves.toBe('');
    const saved = page.waitForResponse(
      (response) => response.request().method() === 'PATCH' && response.ok(),
    );
    await notes.selectOption('comment');
    await saved;
    await expect(notes.inputValue()).resolves.toBe('comment');

    await page.getByRole('button', { name: 'Проверить' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.filter({ hasText: 'Проверка' }).waitFor({ timeout: 30_000 });
    await expect(summary.textContent()).resolves.toMatch(/3\s+новых.*1\s+ошибка/);
    await expect(page.getByTestId('import-check-errors').textContent()).resolves.toMatch(/строка 4:.*назван/);
    expect(await count('SELECT count(*)::int AS n FROM client')).toBe(clientsBefore);
    // Every row the check refused, to fix before the import.
    const [checkErrors] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-errors').click(),
    ]);
    expect(checkErrors.suggestedFilename()).toMatch(/^Ошибки проверки — компании\.csv — .+\.xlsx$/);

    await page.getByRole('button', { name: 'Импортировать' }).click();
    await page.locator('[data-testid=import-status][data-status=done]').waitFor({ timeout: 60_000 });
    const bar = page.getByTestId('import-progress');
    const [now, max] = await Promise.all([
      bar.getAttribute('aria-valuenow'),
      bar.getAttribute('aria-valuemax'),
    ]);
    expect({ now, max }).toEqual({ now: '4', max: '4' });
    expect(await count('SELECT count(*)::int AS n FROM client')).toBe(clientsBefore + 3);

    // The address carries the import: a reload comes back to it, finished.
    await page.reload();
    await page.locator('[data-testid=import-status][data-status=done]').waitFor();
    await expect(page.getByTestId('import-result-summary').textContent()).resolves.toMatch(/3\s+новых/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-errors').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Ошибки импорта — компании\.csv — .+\.xlsx$/);
    const file = await readFile((await download.path())!);
    // An XLSX is a ZIP: it starts with «PK».
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  }, 180_000);
});
