// `npm run screenshots`: the back-office as people see it, in Debian's Chromium, at the laptop
// widths managers use (1366×768, 1440×900) and full HD. A throw-away embedded PostgreSQL gets the
// demo data (`seed:demo`), the built app runs on it, and each role's screens are saved as PNG
// files in var/screenshots/ (or SCREENSHOTS_DIR), with a line per screen saying what a person
// would notice first: a horizontal scroll bar, ISO dates, English words, the page's heading.
// Arguments narrow it down: `npm run screenshots -- manager` (a role), `-- 1366` (a width).
/* global document, window -- page.evaluate runs in Chromium */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { root, scratchDatabase, startApp } from '../bench/common.mjs';
import { CHROMIUM, ensureTestTools } from './ensure-test-tools.mjs';

const WIDTHS = [
  [1366, 768],
  [1440, 900],
  [1920, 1080],
];
const ADMIN = { email: 'screens.admin@kosino.example', password: 'screens-admin-password' };
const outDir = path.resolve(root, process.env.SCREENSHOTS_DIR ?? 'var/screenshots');
// Run through scripts/run-dist.mjs: its own argument (this file) comes first.
const only = process.argv.slice(3);

// Debian's Chromium (installed here when missing, as for the tests).
ensureTestTools();

const { buildDataSource } = await import('../dist/src/database/data-source.js');
const { prepareDatabase } = await import('../dist/src/operations/prepare-database.js');
const { seedDemo } = await import('../dist/src/operations/seeds/demo-seed.js');
const { seedDemoActivity } = await import('../dist/src/operations/seeds/demo-activity.js');

const database = await scratchDatabase('screens');
let app;
let browser;
try {
  const dataSource = buildDataSource({ url: database.url, poolSize: 2 });
  await dataSource.initialize();
  await prepareDatabase(dataSource);
  const demo = await seedDemo(dataSource);
  await seedDemoActivity(dataSource);
  const first = async (sql) => (await dataSource.query(sql))[0]?.id;
  // The manager's own records (another department's would open read-only or not at all).
  const own = `(SELECT department_id FROM app_user WHERE email = 'warehouse.manager1@kosino.example')`;
  const ids = {
    lead: await first(
      `SELECT id FROM lead WHERE status = 'qualifying' AND department_id = ${own} ORDER BY id LIMIT 1`,
    ),
    client: await first(
      `SELECT d.client_id AS id FROM deal d JOIN client c ON c.id = d.client_id
       WHERE c.department_id = ${own} GROUP BY d.client_id ORDER BY count(*) DESC LIMIT 1`,
    ),
    deal: await first(
      `SELECT d.id FROM deal d JOIN client c ON c.id = d.client_id
       WHERE d.status = 'signed' AND c.department_id = ${own} ORDER BY d.id LIMIT 1`,
    ),
    report: await first(`SELECT id FROM report ORDER BY id DESC LIMIT 1`),
  };
  await dataSource.destroy();

  app = await startApp(database.url, database.folder, {
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    EXPORT_STREAM_MAX_ROWS: '1000',
  });
  const password = (email) => demo.users.find((user) => user.email === email)?.password;
  const roles = {
    admin: ADMIN,
    manager: {
      email: 'warehouse.manager1@kosino.example',
      password: password('warehouse.manager1@kosino.example'),
    },
    committee: { email: 'committee@kosino.example', password: password('committee@kosino.example') },
  };
  const screens = {
    admin: {
      home: '/admin',
      leads: '/admin/resources/Lead',
      users: '/admin/resources/User',
      notifications: '/admin/resources/Notification',
      audit: '/admin/resources/AuditLog',
    },
    manager: {
      home: '/admin',
      leads: '/admin/resources/Lead',
      lead: `/admin/resources/Lead/records/${ids.lead}/show`,
      clients: '/admin/resources/Client',
      client: `/admin/resources/Client/records/${ids.client}/show`,
      'client-edit': `/admin/resources/Client/records/${ids.client}/edit`,
      deals: '/admin/resources/Deal',
      deal: `/admin/resources/Deal/records/${ids.deal}/show`,
      history: '/admin/resources/HistoryEvent',
      'lead-board': '/admin/pages/leadBoard',
      'client-board': '/admin/pages/clientBoard',
      search: '/admin/pages/search?q=%D0%9E%D0%9E%D0%9E',
      // Past EXPORT_STREAM_MAX_ROWS (below) the lead list's export is a job: «Мои выгрузки» shows it.
      exports: '/admin/export/Lead?format=xlsx',
      // The «Импорт» page in its states: a file just uploaded (mapping), checked, imported.
      import: '/admin/pages/import',
      'import-mapping': (page) => importScreen(page, []),
      'import-checked': (page) => importScreen(page, ['check']),
      'import-done': (page) => importScreen(page, ['check', 'start']),
      // A companies file whose check refuses rows: the report's errors and «Скачать ошибки».
      'import-check-errors': (page) => importScreen(page, ['check'], companiesWithErrors),
    },
    committee: {
      home: '/admin',
      reports: '/admin/resources/Report',
      report: ids.report ? `/admin/resources/Report/records/${ids.report}/show` : undefined,
    },
  };

  // The files the «Импорт» screens upload: Bitrix24's leads, and companies some of which the check refuses.
  const leadsFile = async () => ({
    name: 'лиды.csv',
    mimeType: 'text/csv',
    buffer: await readFile(path.join(root, 'test/fixtures/import/leads-bitrix24-cp1251.csv')),
  });
  const companiesWithErrors = async () => ({
    name: 'компании.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        '\uFEFF"ID";"Название компании";"ИНН";"Рабочий телефон";"Рабочий e-mail"',
        '"501";"ООО «Северный склад»";"7707083893";"+7 495 230-27-72";"info@sever-sklad.ru"',
        '"502";"ООО «Ошибка в ИНН»";"7707083894";"";""',
        '"503";"";"500100732259";"";""',
        '"504";"АО «Транзит»";"";"+7 916 555-44-33";"почта без собаки"',
      ].join('\r\n'),
    ),
  });
  /**
   * A Bitrix24 file (leads unless `file` gives another) uploaded through the import API, taken
   * through the steps (each waited for: the worker runs them in the background); the page's
   * address of that import.
   */
  const importScreen = async (page, steps, file = leadsFile) => {
    const api = `${app.base}/admin/api/import`;
    const headers = { Origin: app.base, Accept: 'application/json' };
    const uploaded = await page.request.post(api, {
      headers,
      multipart: { file: await file() },
    });
    const { job } = await uploaded.json();
    if (!job) throw new Error(`import upload: ${uploaded.status()} ${await uploaded.text()}`);
    for (const step of steps) {
      await page.request.post(`${api}/${job.id}/${step}`, { headers });
      for (let tries = 0; tries < 600; tries += 1) {
        const { job: seen } = await (await page.request.get(`${api}/${job.id}`, { headers })).json();
        if (!['checking', 'queued', 'running'].includes(seen.status)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return `/admin/pages/import?job=${job.id}`;
  };

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
  await mkdir(outDir, { recursive: true });
  const wanted = (value) => only.length === 0 || only.includes(String(value));
  for (const [role, credentials] of Object.entries(roles)) {
    if (!wanted(role) && only.some((value) => Object.hasOwn(roles, value))) continue;
    for (const [width, height] of WIDTHS) {
      if (only.some((value) => /^\d+$/.test(value)) && !only.includes(String(width))) continue;
      const context = await browser.newContext({ viewport: { width, height }, locale: 'ru-RU' });
      const page = await context.newPage();
      await page.goto(`${app.base}/admin/login`);
      await page.fill('input[name=email]', credentials.email);
      await page.fill('input[name=password]', credentials.password);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL(`${app.base}/admin`);
      for (const [name, screen] of Object.entries(screens[role])) {
        if (!screen) continue;
        const url = typeof screen === 'function' ? await screen(page) : screen;
        await page.goto(`${app.base}${url}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        const file = path.join(outDir, `${role}-${name}-${width}.png`);
        await page.screenshot({ path: file });
        const seen = await page.evaluate(() => ({
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          heading: document.querySelector('h1, h2')?.textContent?.trim() ?? '',
          iso: (document.body.innerText.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []).slice(0, 2),
          // Names people read as Russian (the product, Excel, Word, the customer's own «HoReCa»,
          // «E‑commerce»): the list of test/helpers/page-faults.ts. E-mails and file names'
          // extensions («Лиды 06.12.2026.xlsx») are not words.
          english: (
            document.body.innerText
              .replace(/\S+@\S+/g, ' ')
              .replace(/\.[a-z]{2,4}\b/g, ' ')
              .match(/\b[A-Za-z]{4,}\b/g) ?? []
          )
            .filter(
              (word) => !['Kosino', 'Excel', 'Word', 'HoReCa', 'commerce', 'XLSX', 'Windows'].includes(word),
            )
            .slice(0, 5),
        }));
        const notes = [
          seen.overflow > 0 ? `прокрутка вбок ${seen.overflow} px` : '',
          seen.iso.length ? `ISO: ${seen.iso.join(', ')}` : '',
          seen.english.length ? `англ.: ${seen.english.join(', ')}` : '',
        ].filter(Boolean);
        process.stdout.write(
          `${path.relative(root, file)} — «${seen.heading.slice(0, 60)}»${notes.length ? ` — ${notes.join('; ')}` : ''}\n`,
        );
      }
      await context.close();
    }
  }
} finally {
  await browser?.close();
  await app?.stop();
  await database.stop();
}
