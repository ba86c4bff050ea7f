import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';

import { seedDemoActivity } from '../../../src/operations/seeds/demo-activity.js';
import { seedDemo } from '../../../src/operations/seeds/demo-seed.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';
import { pageFaults, type PageLook } from '../../helpers/page-faults.js';

/**
 * Every page of the back-office as each role reaches it, in Chromium on the laptops managers use
 * (1366×768, then 1440×900 on the same page): the home page, every custom page, every resource's
 * list, a record's page and each of its actions with a screen, the resource's «Создать», and the
 * pages of a missing record and of a forbidden section. Each must be Russian (no English or
 * technical word, no ISO date), headed by what it shows, with no sideways scrolling and the
 * header's actions on the screen (test/helpers/page-faults.ts says exactly what is looked for).
 */
describe('every page, as each role sees it', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const people = {} as Record<'admin' | 'manager' | 'committee', { email: string; password?: string }>;

  beforeAll(async () => {
    testApp = await startTestApp();
    // The demo data: every resource has records, in every state a person meets.
    const demo = await seedDemo(testApp.dataSource);
    await seedDemoActivity(testApp.dataSource);
    const demoUser = (email: string) => {
      const user = demo.users.find((candidate) => candidate.email === email);
      if (!user) throw new Error(`no demo user ${email}`);
      return user;
    };
    people.admin = await createUser(testApp.app, 'admin', { fullName: 'Анна Администратор' });
    people.manager = demoUser('warehouse.manager1@kosino.example');
    people.committee = demoUser('committee@kosino.example');
    browser = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  /** The pages the role can reach: from the navigation AdminJS gives it, and a record of each list. */
  async function reachablePages(page: Page): Promise<string[]> {
    return page.evaluate(async () => {
      const state = (window as unknown as { REDUX_STATE: ReduxState }).REDUX_STATE;
      const urls = ['/admin'];
      for (const custom of state.pages) urls.push(`/admin/pages/${custom.name}`);
      for (const resource of state.resources) {
        const actions = resource.resourceActions.filter((action) => action.component !== false);
        if (!actions.some((action) => action.name === 'list')) continue;
        const base = `/admin/resources/${resource.id}`;
        for (const action of actions) {
          urls.push(action.name === 'list' ? base : `${base}/actions/${action.name}`);
        }
        const answer = await fetch(`/admin/api/resources/${resource.id}/actions/list?perPage=1`);
        const list = (await answer.json()) as {
          records?: { id: string; recordActions: { name: string; component: unknown }[] }[];
        };
        if (!list.records) throw new Error(`${base}: ${answer.status} ${JSON.stringify(list).slice(0, 300)}`);
        const record = list.records[0];
        if (!record) continue;
        for (const action of record.recordActions) {
          if (action.component === false) continue;
          urls.push(`${base}/records/${record.id}/${action.name}`);
        }
      }
      return urls;

      interface ActionJSON {
        name: string;
        component: unknown;
      }
      interface ReduxState {
        pages: { name: string }[];
        resources: { id: string; resourceActions: ActionJSON[] }[];
      }
    });
  }

  /**
   * Opens a page as a click in the back-office does (AdminJS's router follows the address; a full
   * load only for the first page), and waits until it is painted: no loader, and its text unchanged
   * for a moment.
   */
  async function open(page: Page, url: string, first: boolean): Promise<void> {
    if (first) {
      await page.goto(`${testApp.baseUrl}${url}`);
    } else {
      await page.evaluate((target) => {
        window.history.pushState({}, '', target);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, url);
    }
    await page.waitForFunction(
      () => {
        const state = window as unknown as { lastText?: string; stableSince?: number };
        const text = document.body.innerText;
        const loading = document.querySelector('.adminjs_Loader, [data-css="loader"]');
        if (loading || text !== state.lastText) {
          state.lastText = text;
          state.stableSince = Date.now();
          return false;
        }
        return Date.now() - (state.stableSince ?? Date.now()) >= 150;
      },
      null,
      { timeout: 30_000, polling: 50 },
    );
  }

  function look(page: Page): Promise<PageLook> {
    return page.evaluate(() => {
      const header = document.querySelector('.crm-action-header__actions');
      return {
        text: document.body.innerText,
        heading: document.querySelector('h1, h2, h3, h4')?.textContent?.trim() ?? '',
        breadcrumbs: [...document.querySelectorAll('.adminjs_Breadcrumbs a, .adminjs_Breadcrumbs span')].map(
          (item) => item.textContent?.trim() ?? '',
        ),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        actionsBeyondScreen: [...(header?.querySelectorAll('a, button') ?? [])]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .map((element) => element.textContent?.trim() ?? ''),
      };
    });
  }

  async function walk(role: keyof typeof people, forbidden: string[]) {
    const { email, password } = people[role];
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await logInPage(page, testApp.baseUrl, email, password);
    const urls = await reachablePages(page);
    // A record that is not there, and sections the role may not open: Russian pages too.
    const missing = '/admin/resources/Lead/records/999999999/show';
    urls.push(missing, ...forbidden);
    const faults: string[] = [];
    for (const [index, url] of urls.entries()) {
      await page.setViewportSize({ width: 1366, height: 768 });
      // A missing record is reached by its address (a bookmark, a link in a mail): a full load.
      const painted = await open(page, url, index === 0 || url === missing).then(
        () => true,
        () => false,
      );
      if (!painted) {
        faults.push(`${role} ${url}: страница не дорисовалась за 30 с`);
        continue;
      }
      for (const [width, height] of [
        [1366, 768],
        [1440, 900],
      ]) {
        await page.setViewportSize({ width, height });
        faults.push(...pageFaults(await look(page)).map((fault) => `${role} ${width} ${url}: ${fault}`));
      }
    }
    await page.close();
    return { urls, faults };
  }

  // The committee member first: their first visit builds the week's reports (committee-home),
  // whose pages the others' walks then open too.
  it('is Russian, fits and is headed by what it shows for a committee member', async () => {
    const { urls, faults } = await walk('committee', ['/admin/resources/Lead', '/admin/pages/leadBoard']);
    expect(urls).toEqual(expect.arrayContaining(['/admin', '/admin/resources/Report']));
    expect(faults).toEqual([]);
  }, 600_000);
  it('is Russian, fits and is headed by what it shows for an administrator', async () => {
    const { urls, faults } = await walk('admin', []);
    // Everything an administrator reaches: dictionaries, users, logs, reports, boards, search.
    expect(urls.length).toBeGreaterThan(60);
    expect(faults).toEqual([]);
  }, 600_000);

  it('is Russian, fits and is headed by what it shows for a manager', async () => {
    const { urls, faults } = await walk('manager', ['/admin/resources/User', '/admin/resources/AuditLog']);
    expect(urls).toEqual(expect.arrayContaining(['/admin/resources/Lead', '/admin/resources/Client']));
    expect(faults).toEqual([]);
  }, 600_000);
});
