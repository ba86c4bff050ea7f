import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { logIn } from '../../helpers/admin-session.js';
import { asBuffer, pdfText } from '../../helpers/pdf-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

type Agent = Awaited<ReturnType<typeof logIn>>;

/** supertest keeps a binary body only when told how to read it. */
describe('«Отчёты»: who orders, sees and downloads reports', () => {
  let testApp: TestApp;
  let admin: Agent;
  let manager: Agent;
  let otherManager: Agent;
  let committee: Agent;
  let departmentId: number;
  let otherDepartmentId: number;
  let reportId: number;

  const reportCount = async () =>
    Number(
      ((await testApp.dataSource.query('SELECT count(*) AS count FROM report')) as { count: string }[])[0]
        .count,
    );
  const order = (agent: Agent, data: Record<string, string>) =>
    agent.post('/admin/api/resources/Report/actions/requestReport').send(data);

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ id: departmentId }, { id: otherDepartmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name IN ('Производственно-складской сектор', 'Департамент ВЭД')
       ORDER BY name = 'Департамент ВЭД'`,
    )) as { id: number }[];
    const users = {
      admin: await createUser(testApp.app, 'admin'),
      manager: await createUser(testApp.app, 'manager', { departmentId }),
      otherManager: await createUser(testApp.app, 'manager', { departmentId: otherDepartmentId }),
      committee: await createUser(testApp.app, 'committee'),
    };
    admin = await logIn(testApp, users.admin.email);
    manager = await logIn(testApp, users.manager.email);
    otherManager = await logIn(testApp, users.otherManager.email);
    committee = await logIn(testApp, users.committee.email);
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('lets a manager order their department’s committee report and download it at once', async () => {
    const response = await order(manager, {
      kind: 'committee',
      departmentId: String(departmentId),
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
    });
    expect(response.body.notice).toEqual({ message: 'reportReady', type: 'success' });
    reportId = response.body.reportId as number;
    expect(response.body.downloadUrl).toBe(`/admin/reports/${reportId}/pdf`);
    const pdf = await manager
      .get(response.body.downloadUrl as string)
      .buffer(true)
      .parse(asBuffer);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
    expect(await pdfText(pdf.body as Buffer)).toContain(
      'Производственно-складской сектор · период 16.11.2026 — 22.11.2026',
    );
  }, 180_000);

  it('lets a committee member see the archive and download the report, and nothing else', async () => {
    const list = await committee.get('/admin/api/resources/Report/actions/list');
    expect(list.body.records.map((record: { id: string }) => Number(record.id))).toEqual([reportId]);
    expect(list.body.records[0].params.delivery).toBe('none');
    const pdf = await committee.get(`/admin/reports/${reportId}/pdf`).buffer(true).parse(asBuffer);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const refused = await order(committee, {
      kind: 'committee',
      departmentId: String(departmentId),
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
    });
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
  });

  it('keeps another department’s manager out of the report: not in the list, no page, no download', async () => {
    const list = await otherManager.get('/admin/api/resources/Report/actions/list');
    expect(list.body.records).toEqual([]);
    const show = await otherManager.get(`/admin/api/resources/Report/records/${reportId}/show`);
    expect(show.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const download = await otherManager.get(`/admin/reports/${reportId}/pdf`);
    expect(download.status).toBe(403);
    expect(download.text).toBe('Недостаточно прав для этого отчёта');
  });

  it('keeps the list to the manager’s department whatever the query says', async () => {
    // The annual statistics and another department's report exist too.
    await order(admin, { kind: 'annual', year: '2025' });
    await order(admin, {
      kind: 'committee',
      departmentId: String(otherDepartmentId),
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
    });
    for (const query of [
      '',
      '?filters=x',
      '?filters=a&filters=b',
      `?filters.departmentId=${otherDepartmentId}`,
      `?filters.departmentId.0=${otherDepartmentId}`,
      '?filters.kind=annual',
      '?filters.kind=annual&filters.kind=committee',
    ]) {
      const list = await manager.get(`/admin/api/resources/Report/actions/list${query}`);
      expect(list.body.records.map((record: { id: string }) => Number(record.id))).toEqual([reportId]);
    }
  });

  it('tells managers and committee members the department’s and requester’s names only', async () => {
    const list = await committee.get('/admin/api/resources/Report/actions/list');
    for (const record of list.body.records as {
      populated: Record<string, { title: string; params: object }>;
    }[]) {
      for (const related of Object.values(record.populated)) {
        if (related) expect(Object.keys(related.params)).toEqual(['id']);
      }
    }
    const show = await manager.get(`/admin/api/resources/Report/records/${reportId}/show`);
    expect(show.body.record.populated.departmentId.title).toBe('Производственно-складской сектор');
    expect(show.body.record.populated.departmentId.params).toEqual({ id: departmentId });
    expect(JSON.stringify(show.body)).not.toMatch(/@kosino/);
  });

  it('sends a visitor without a session to the login page instead of the PDF', async () => {
    const response = await request(testApp.app.getHttpServer()).get(`/admin/reports/${reportId}/pdf`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin/login');
  });

  it('refuses another department’s report to a manager, and bad periods to anyone, in Russian, making nothing', async () => {
    const before = await reportCount();
    const foreign = await order(manager, {
      kind: 'committee',
      departmentId: String(otherDepartmentId),
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
    });
    expect(foreign.body.notice).toEqual({
      message: 'Менеджер формирует отчёты только своего департамента',
      type: 'error',
    });
    expect(foreign.body.code).toBe('report.other_department');
    expect(foreign.body.fieldErrors).toEqual({ departmentId: 'Выберите свой департамент' });
    const reversed = await order(admin, {
      kind: 'committee',
      departmentId: String(departmentId),
      periodStart: '2026-11-22',
      periodEnd: '2026-11-16',
    });
    expect(reversed.body.code).toBe('report.request_invalid');
    expect(reversed.body.fieldErrors).toEqual({ periodEnd: 'Конец периода раньше его начала' });
    const future = await order(admin, {
      kind: 'committee',
      departmentId: String(departmentId),
      periodStart: '2026-11-16',
      periodEnd: '2999-01-01',
    });
    expect(future.body.fieldErrors).toEqual({
      periodEnd: 'Конец периода не может быть позже сегодняшнего дня',
    });
    const garbage = await order(admin, {
      kind: 'weekly',
      departmentId: 'x',
      periodStart: '31.02.2026',
      periodEnd: '',
    });
    expect(garbage.body.code).toBe('report.request_invalid');
    expect(garbage.body.fieldErrors).toEqual({
      kind: 'Выберите вид отчёта',
      departmentId: 'Выберите департамент',
      periodStart: 'Укажите дату в формате ДД.ММ.ГГГГ',
      periodEnd: 'Укажите дату в формате ДД.ММ.ГГГГ',
    });
    const missing = await order(admin, {
      kind: 'committee',
      departmentId: '999999',
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
    });
    expect(missing.body.code).toBe('report.department_not_found');
    expect(missing.body.fieldErrors).toEqual({ departmentId: 'Такого департамента нет' });
    const annualByManager = await order(manager, { kind: 'annual', year: '2025' });
    expect(annualByManager.body.notice.type).toBe('error');
    expect(annualByManager.body.code).toBe('report.annual_admin_only');
    expect(annualByManager.body.fieldErrors).toEqual({});
    expect(await reportCount()).toBe(before);
  });

  it('answers many simultaneous orders of the same running period, building it once', async () => {
    const thisYear = String(new Date().getFullYear());
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => order(admin, { kind: 'annual', year: thisYear })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(answers.map((answer) => answer.body.notice?.type)).toEqual(Array(8).fill('success'));
    expect(new Set(answers.map((answer) => answer.body.reportId)).size).toBe(1);
  }, 180_000);

  it('lets an administrator order the annual statistics; a closed period comes back from the archive', async () => {
    const first = await order(admin, { kind: 'annual', year: '2025' });
    expect(first.body.notice).toEqual({ message: 'reportReady', type: 'success' });
    const [{ generated }] = (await testApp.dataSource.query(
      'SELECT generated_at AS generated FROM report WHERE id = $1',
      [first.body.reportId],
    )) as { generated: Date }[];
    const again = await order(admin, { kind: 'annual', year: '2025' });
    expect(again.body.reportId).toBe(first.body.reportId);
    const [{ generated: unchanged }] = (await testApp.dataSource.query(
      'SELECT generated_at AS generated FROM report WHERE id = $1',
      [first.body.reportId],
    )) as { generated: Date }[];
    expect(unchanged).toEqual(generated);
    const badYear = await order(admin, { kind: 'annual', year: '1999' });
    expect(badYear.body.code).toBe('report.request_invalid');
    expect(badYear.body.fieldErrors.year).toMatch(/^Укажите год от 2000 до \d{4}$/);
  }, 180_000);
});
