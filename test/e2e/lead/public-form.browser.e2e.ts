import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { until } from '../../helpers/until.js';

describe('the public form in a browser', () => {
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

  const leadsOf = async (company: string) =>
    (await testApp.dataSource.query(
      `SELECT id, status::text, name, phone, draft_token_hash IS NOT NULL AS "hasToken" FROM lead WHERE company = $1`,
      [company],
    )) as { id: number; status: string; name: string | null; phone: string | null; hasToken: boolean }[];

  it('autosaves what the visitor types as one draft, shows Russian messages, and submits that draft', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${testApp.baseUrl}/form`);
    // What the page saves before the submission, and for how long, is said under the form.
    await page.getByText('Черновик заявки хранится 30 дней и удаляется').waitFor();
    await page.getByLabel('Компания').fill('ООО «Браузер»');
    await page.getByLabel('Имя').fill('Алиса');
    await page.getByText('Черновик сохранён').waitFor();
    const drafts = await until(
      () => leadsOf('ООО «Браузер»'),
      (rows) => rows[0]?.name === 'Алиса',
    );
    expect(drafts).toEqual([
      { id: expect.any(Number), status: 'draft', name: 'Алиса', phone: null, hasToken: true },
    ]);

    await page.getByLabel('Телефон').fill('8 (495) 765-43-21');
    await page.getByLabel('Тип объекта').selectOption({ label: 'Аптека' });
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await page.getByText('дайте согласие на обработку персональных данных').waitFor();
    expect(await page.getByText('Спасибо! Заявка отправлена.').isVisible()).toBe(false);

    await page.getByLabel(/согласие на обработку персональных данных/).check();
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await page.getByText('Спасибо! Заявка отправлена.').waitFor();
    expect(await leadsOf('ООО «Браузер»')).toEqual([
      { id: drafts[0].id, status: 'new', name: 'Алиса', phone: '+74957654321', hasToken: true },
    ]);
    await page.close();
  });

  it('works without JavaScript: a plain submission, the Russian messages, then the thanks page', async () => {
    const noScript = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.context.newPage();
      await page.goto(`${testApp.baseUrl}/form`);
      // Without the script nothing is saved before the submission: no word of drafts.
      expect(await page.getByText('Черновик заявки хранится').isVisible()).toBe(false);
      await page.getByLabel('Имя').fill('Борис');
      await page.getByLabel('Компания').fill('ООО «Без скриптов»');
      await page.getByLabel('Эл.почта').fill('не-почта');
      await page.getByLabel('Тип объекта').selectOption({ label: 'Таможня' });
      await page.getByLabel(/согласие на обработку персональных данных/).check();
      await page.getByRole('button', { name: 'Отправить заявку' }).click();
      await page.getByText('Укажите адрес эл. почты, например ivanov@example.ru').waitFor();
      expect(await page.getByLabel('Компания').inputValue()).toBe('ООО «Без скриптов»');
      expect(await leadsOf('ООО «Без скриптов»')).toEqual([]);

      await page.getByLabel('Эл.почта').fill('boris@example.ru');
      await page.getByRole('button', { name: 'Отправить заявку' }).click();
      await page.getByText('Спасибо! Заявка отправлена.').waitFor();
      expect(page.url()).toBe(`${testApp.baseUrl}/form/sent`);
      expect(await leadsOf('ООО «Без скриптов»')).toEqual([
        { id: expect.any(Number), status: 'new', name: 'Борис', phone: null, hasToken: false },
      ]);
    } finally {
      await noScript.close();
    }
  });

  it('loads nothing from outside the machine', () => {
    const outside = browser.requests.filter((url) => !url.startsWith(testApp.baseUrl));
    expect(outside).toEqual([]);
  });
});
