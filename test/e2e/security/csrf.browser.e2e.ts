import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/**
 * A page of the same site on another port (SameSite=Strict lets the manager's cookie go along)
 * tries what the outside probe did: a form that submits itself to the back-office and to the
 * deals' API, and a script's no-cors request. Nothing may change; the CRM's own page still works.
 */
describe('requests from a page of another origin on the same site (CSRF), in Chromium', () => {
  let testApp: TestApp;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let attacker: http.Server;
  let attackerUrl: string;
  let clientId: number;
  let dealId: number;
  let typeId: number;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp();
    const [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const manager = await createUser(testApp.app, 'manager', { departmentId });
    const actor = { id: manager.id, departmentId };
    clientId = (
      await testApp.app.get(ClientService).create({ companyName: 'ООО «Мишень»', source: 'Звонок' }, actor)
    ).id;
    dealId = (
      await testApp.app.get(DealService).create(clientId, { kind: 'contract', dealDate: '2026-05-01' }, actor)
    ).id;
    [{ id: typeId }] = (await testApp.dataSource.query(`SELECT id FROM history_event_type LIMIT 1`)) as {
      id: number;
    }[];
    const app = testApp.baseUrl;
    const autoSubmit = (form: string) =>
      `<!doctype html><html><body>${form}<script>document.forms[0].submit()</script></body></html>`;
    pages['/event.html'] = autoSubmit(
      `<form method="post" enctype="multipart/form-data" action="${app}/admin/api/resources/HistoryEvent/actions/new">
        <input name="clientId" value="${clientId}"><input name="typeId" value="${typeId}">
        <input name="comment" value="Подброшено чужой страницей"></form>`,
    );
    pages['/deal.html'] = autoSubmit(
      `<form method="post" action="${app}/api/deals/${dealId}/cancel"><input name="x" value="1"></form>`,
    );
    pages['/fetch.html'] = `<!doctype html><html><body><script>
      fetch('${app}/api/deals/${dealId}/cancel', { method: 'POST', mode: 'no-cors', credentials: 'include',
        body: '{}' }).finally(() => { document.title = 'sent'; });
      fetch('${app}/admin/api/resources/HistoryEvent/actions/new', { method: 'POST', mode: 'no-cors',
        credentials: 'include', body: 'clientId=${clientId}&typeId=${typeId}&comment=fetch',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    </script></body></html>`;
    attacker = http.createServer((request, response) => {
      const page = pages[request.url ?? ''];
      response.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page ?? '');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await openBrowser();
    const page = await browser.context.newPage();
    await logInPage(page, testApp.baseUrl, manager.email);
    await page.waitForURL(`${testApp.baseUrl}/admin`);
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await testApp.close();
  });

  const events = async () =>
    Number(
      (
        (await testApp.dataSource.query(`SELECT count(*) AS n FROM history_event WHERE client_id = $1`, [
          clientId,
        ])) as { n: string }[]
      )[0].n,
    );
  const dealStatus = async () =>
    (
      (await testApp.dataSource.query(`SELECT status FROM deal WHERE id = $1`, [dealId])) as {
        status: string;
      }[]
    )[0].status;

  it('refuses a form another origin submits to the back-office: no history event', async () => {
    const page = await browser.context.newPage();
    const answer = page.waitForResponse((response) => response.url().includes('/HistoryEvent/actions/new'));
    await page.goto(`${attackerUrl}/event.html`);
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('со страницы другого сайта');
    expect(await events()).toBe(0);
    await page.close();
  });

  it('refuses a form and a script of another origin aimed at a deal: it stays a draft', async () => {
    const page = await browser.context.newPage();
    const answer = page.waitForResponse((response) => response.url().endsWith(`/api/deals/${dealId}/cancel`));
    await page.goto(`${attackerUrl}/deal.html`);
    expect((await answer).status()).toBe(403);
    await page.goto(`${attackerUrl}/fetch.html`);
    await page.waitForFunction(() => document.title === 'sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dealStatus()).toBe('draft');
    expect(await events()).toBe(0);
    await page.close();
  });

  it("still takes the same requests from the CRM's own page", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${testApp.baseUrl}/admin`);
    const statuses = await page.evaluate(
      async ({ clientId: client, typeId: type, dealId: deal }) => {
        const form = new FormData();
        form.set('clientId', String(client));
        form.set('typeId', String(type));
        form.set('comment', 'Своя страница');
        const event = await fetch('/admin/api/resources/HistoryEvent/actions/new', {
          method: 'POST',
          body: form,
        });
        const cancel = await fetch(`/api/deals/${deal}/cancel`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        return [event.status, cancel.status];
      },
      { clientId, typeId, dealId },
    );
    expect(statuses).toEqual([200, 200]);
    expect(await events()).toBe(1);
    expect(await dealStatus()).toBe('cancelled');
    await page.close();
  });
});
