import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { HistoryService } from '../../../src/modules/client/history.service.js';
import { LeadService, moscowToday } from '../../../src/modules/lead/lead.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { logInPage, openBrowser } from '../../helpers/browser.js';
import { asBuffer, pdfText } from '../../helpers/pdf-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/** Markup people type into names and comments: stored as text, shown as text — never run. */
const SCRIPT = `<script>window.__xss = 'lead'</script>Иван`;
const IMAGE = `<img src=x onerror="window.__xss = 'client'">ООО «Скрипт»`;
const BOLD = `<b onmouseover="window.__xss = 'event'">жирный</b> комментарий`;
const QUOTE = `'; DROP TABLE client; -- ООО «Кавычка»`;

describe('hostile text in the back-office and in reports', () => {
  let testApp: TestApp;
  let adminEmail: string;
  let manager: Agent;
  let departmentId: number;
  let leadId: number;
  let clientId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    const [route] = (await testApp.dataSource.query(
      `SELECT department_id AS "departmentId", id AS "objectTypeId" FROM object_type WHERE name = 'Таможня'`,
    )) as { departmentId: number; objectTypeId: number }[];
    const { objectTypeId } = route;
    departmentId = route.departmentId;
    adminEmail = (await createUser(testApp.app, 'admin')).email;
    const managerUser = await createUser(testApp.app, 'manager', { departmentId });
    manager = await logIn(testApp, managerUser.email);
    const actor = { id: managerUser.id };
    leadId = (
      await testApp.app
        .get(LeadService)
        .create(
          { name: SCRIPT, company: IMAGE, phone: '+74950003344', objectTypeId },
          { source: 'manual', draft: false, actor },
        )
    ).id;
    clientId = (
      await testApp.app
        .get(ClientService)
        .create(
          { companyName: IMAGE, source: 'Звонок', confirmNotDuplicate: true },
          { ...actor, departmentId },
        )
    ).id;
    await testApp.app
      .get(ClientService)
      .create(
        { companyName: QUOTE, source: 'Звонок', confirmNotDuplicate: true },
        { ...actor, departmentId },
      );
    const [{ id: typeId }] = (await testApp.dataSource.query(
      'SELECT id FROM history_event_type LIMIT 1',
    )) as {
      id: number;
    }[];
    await testApp.app
      .get(HistoryService)
      .create(clientId, { typeId, comment: BOLD, eventDate: moscowToday() }, actor);
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('stores the text exactly as typed', async () => {
    const [row] = (await testApp.dataSource.query(
      `SELECT (SELECT name FROM lead WHERE id = $1) AS name, (SELECT company_name FROM client WHERE id = $2) AS company,
              (SELECT count(*)::int FROM client WHERE company_name = $3) AS quoted`,
      [leadId, clientId, QUOTE],
    )) as { name: string; company: string; quoted: number }[];
    expect(row).toEqual({ name: SCRIPT, company: IMAGE, quoted: 1 });
  });

  it('shows it as text in lists, pages and the timeline, running none of it', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await logInPage(page, testApp.baseUrl, adminEmail);
      await page.getByText('Здравствуйте').first().waitFor();
      const visit = async (path: string, text: string) => {
        await page.goto(`${testApp.baseUrl}${path}`);
        await page.getByText(text, { exact: false }).first().waitFor();
        expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      };
      await visit('/admin/resources/Lead', '<img src=x onerror=');
      await visit(
        `/admin/resources/Lead/records/${leadId}/show`,
        "<script>window.__xss = 'lead'</script>Иван",
      );
      await visit('/admin/resources/Client', 'ООО «Кавычка»');
      await visit(`/admin/resources/Client/records/${clientId}/show`, '<b onmouseover=');
      await page.getByText('<b onmouseover=', { exact: false }).first().hover();
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  it('prints it as text in a committee report', async () => {
    // Last week (Moscow), Monday to Sunday, with the lead sent in then: it is among those waiting
    // to be taken into work at the week's end.
    const today = new Date(`${moscowToday()}T00:00:00Z`);
    const monday = new Date(today.getTime() - (((today.getUTCDay() + 6) % 7) + 7) * 86_400_000);
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    await testApp.dataSource.query(
      `UPDATE lead SET created_at = $2::date + time '12:00', submitted_at = $2::date + time '12:00' WHERE id = $1`,
      [leadId, monday.toISOString().slice(0, 10)],
    );
    await testApp.dataSource.query(
      `UPDATE lead_status_change SET changed_at = $2::date + time '12:00' WHERE lead_id = $1`,
      [leadId, monday.toISOString().slice(0, 10)],
    );
    const ordered = await manager.post('/admin/api/resources/Report/actions/requestReport').send({
      kind: 'committee',
      departmentId: String(departmentId),
      periodStart: monday.toISOString().slice(0, 10),
      periodEnd: sunday.toISOString().slice(0, 10),
    });
    expect(ordered.body.notice).toEqual({ message: 'reportReady', type: 'success' });
    const pdf = await manager
      .get(ordered.body.downloadUrl as string)
      .buffer(true)
      .parse(asBuffer);
    const text = await pdfText(pdf.body as Buffer);
    // The table cell wraps the text over lines (and pdftotext sets the two cells side by side):
    // pieces of it, markup and all, printed as they were typed.
    for (const piece of ['<img src=x', `'client'">ООО`, '<script>window.__x', 'script>Иван']) {
      expect(text).toContain(piece);
    }
  });
});
