import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/** Where the screenshots go, to be looked at (they are no assertion). */
const SHOTS = path.join(os.tmpdir(), 'kosino-crm-export-shots');

/** «Экспорт в Excel» and «CSV» in the list's header, as a manager uses them on a laptop. */
describe('list export in the browser', () => {
  let testApp: TestApp;
  let managerEmail: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT department_id AS id FROM object_type WHERE name = 'Таможня'`,
    )) as { id: number }[];
    managerEmail = (await createUser(testApp.app, 'manager', { departmentId })).email;
    await testApp.dataSource.query(
      `INSERT INTO lead (status, source, company, object_type_id, department_id, phone, submitted_at)
       SELECT 'new', 'manual', 'Экспорт ' || g, (SELECT id FROM object_type WHERE name = 'Таможня'), $1,
              '+7495000' || lpad(g::text, 4, '0'), now()
       FROM generate_series(1, 7) g`,
      [departmentId],
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  for (const width of [1366, 1440]) {
    it(`shows both buttons in the list header at ${width}×768 within the screen, beside the heading`, async () => {
      const browser = await openBrowser();
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height: 768 });
        await logInPage(page, testApp.baseUrl, managerEmail);
        await page.getByText('Здравствуйте').first().waitFor();
        await page.goto(`${testApp.baseUrl}/admin/resources/Lead`);
        const excel = page.getByTestId('export-xlsx');
        const csv = page.getByTestId('export-csv');
        await excel.waitFor();
        await expect(excel.textContent()).resolves.toContain('Экспорт в Excel');
        await expect(csv.textContent()).resolves.toContain('Экспорт в CSV');
        for (const button of [excel, csv]) {
          const box = (await button.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
        }
        const heading = (await page.locator('.crm-action-header__title').boundingBox())!;
        const buttons = (await page.locator('.crm-action-header__actions').boundingBox())!;
        // Beside the heading or wrapped below it, never over it.
        const overlaps =
          buttons.x < heading.x + heading.width &&
          heading.x < buttons.x + buttons.width &&
          buttons.y < heading.y + heading.height &&
          heading.y < buttons.y + buttons.height;
        expect(overlaps).toBe(false);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow).toBe(false);
        await page.screenshot({ path: path.join(SHOTS, `lead-list-${width}.png`) });
        await page.close();
      } finally {
        await browser.close();
      }
    });
  }

  it('downloads the filtered list as «Лиды <date>.xlsx» from «Экспорт в Excel»', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await logInPage(page, testApp.baseUrl, managerEmail);
      await page.getByText('Здравствуйте').first().waitFor();
      await page.goto(
        `${testApp.baseUrl}/admin/resources/Lead?filters.company=${encodeURIComponent('Экспорт 1')}&page=1`,
      );
      await page.getByTestId('export-xlsx').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-xlsx').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^Лиды \d\d\.\d\d\.\d{4}\.xlsx$/);
      const file = await readFile((await download.path())!);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(file).buffer);
      const sheet = workbook.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const companies = [];
      for (let row = 2; row <= sheet.rowCount; row += 1) {
        companies.push(sheet.getRow(row).getCell(header.indexOf('Компания') + 1).value);
      }
      expect(companies).toEqual(['Экспорт 1']);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
