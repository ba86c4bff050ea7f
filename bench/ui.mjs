// `npm run bench:ui`: the back-office as a manager feels it, in Debian's Chromium at 1366×768, over
// the volume data (`seed:volume`, a million leads; the manager is of the department with the most
// leads): the first load after login (until the home page shows the week's figures) with the bytes
// transferred, then a click to a list, the lead board, a client card and a deal, each until its
// rows or fields are painted — median and p95 over BENCH_UI_RUNS (10) clicks each. Baseline in the
// same run: the API request behind the same screen on its own (what the page waits for at least).
//
// Database: BENCH_DATABASE_URL (filled by `npm run seed:volume`, or empty — then it is filled here),
// or a throw-away embedded PostgreSQL filled with BENCH_VOLUME_LEADS leads.
/* global window, PopStateEvent -- page.evaluate runs in Chromium */
import os from 'node:os';

import { chromium } from 'playwright-core';

import { CHROMIUM, ensureTestTools } from '../scripts/ensure-test-tools.mjs';
import { BENCH_MANAGER, fillForBench, latencies, logIn, scratchDatabase, startApp } from './common.mjs';

const runs = Number(process.env.BENCH_UI_RUNS ?? 10);
ensureTestTools();

const database = await scratchDatabase('ui');
let app;
let browser;
try {
  await fillForBench(database.url);
  app = await startApp(database.url, database.folder);
  const cookie = await logIn(app.base, BENCH_MANAGER.email, BENCH_MANAGER.password);
  const api = async (path) => {
    const response = await fetch(`${app.base}/admin/api/${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const someId = async (resource) => (await api(`resources/${resource}/actions/list`)).records[0].id;
  const clientId = await someId('Client');
  const dealId = await someId('Deal');

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let transferred = 0;
  cdp.on('Network.loadingFinished', (event) => {
    transferred += event.encodedDataLength;
  });

  // First load: from «Войти» to the week's figures on the home page, with an empty cache; the
  // bytes counted from the login page on.
  await page.goto(`${app.base}/admin/login`);
  await page.fill('input[name=email]', BENCH_MANAGER.email);
  await page.fill('input[name=password]', BENCH_MANAGER.password);
  let started = performance.now();
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByText('новых лидов').first().waitFor({ timeout: 60_000 });
  const firstLoad = performance.now() - started;
  const firstLoadKb = transferred / 1024;
  started = performance.now();
  await api('dashboard');
  const dashboardApi = performance.now() - started;

  const painted = (selector) => page.waitForSelector(selector, { state: 'visible', timeout: 60_000 });
  /** Opens the screen as a click in the back-office does (the router follows the address). */
  const click = async (path, selector) => {
    await page.evaluate((target) => {
      window.history.pushState({}, '', target);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await painted(selector);
  };
  const screens = [
    ['Список лидов', '/admin/resources/Lead', 'tr[data-css$="-table-row"]', 'resources/Lead/actions/list'],
    ['Лиды — канбан', '/admin/pages/leadBoard', '[data-testid="column-cards"] a', 'pages/leadBoard'],
    [
      'Карточка клиента',
      `/admin/resources/Client/records/${clientId}/show`,
      '[data-css="Client-show-action-header"] h2',
      `resources/Client/records/${clientId}/show`,
    ],
    [
      'Сделка',
      `/admin/resources/Deal/records/${dealId}/show`,
      '[data-css="Deal-show-action-header"] h2',
      `resources/Deal/records/${dealId}/show`,
    ],
  ];
  process.stdout.write(
    `Chromium 1366×768, менеджер отдела с наибольшим числом лидов, ${runs} переходов на экран, ` +
      `${os.cpus().length} ядра\n\nПервая загрузка после входа (до цифр недели на главной): ` +
      `${firstLoad.toFixed(0)} мс, передано со страницей входа ${firstLoadKb.toFixed(0)} КБ · ` +
      `запрос /admin/api/dashboard сам по себе ${dashboardApi.toFixed(0)} мс\n`,
  );
  for (const [name, path, selector, apiPath] of screens) {
    const clicks = [];
    const alone = [];
    for (let index = 0; index < runs + 2; index += 1) {
      await click('/admin', 'h1, h2');
      let at = performance.now();
      await click(path, selector);
      const spent = performance.now() - at;
      at = performance.now();
      await api(apiPath);
      if (index >= 2) {
        // the first two: warm-up (plans, caches)
        clicks.push(spent);
        alone.push(performance.now() - at);
      }
    }
    const screen = latencies(clicks);
    const request = latencies(alone);
    process.stdout.write(
      `${name}: клик → отрисовано p50 ${screen.p50.toFixed(0)} мс, p95 ${screen.p95.toFixed(0)} мс · ` +
        `его запрос сам по себе p50 ${request.p50.toFixed(0)} мс, p95 ${request.p95.toFixed(0)} мс\n`,
    );
  }
} finally {
  await browser?.close();
  await app?.stop();
  await database.stop();
}
