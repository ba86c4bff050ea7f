import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { parse } from 'csv-parse/sync';

import { logIn } from '../../helpers/admin-session.js';
import { asBuffer } from '../../helpers/pdf-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { until } from '../../helpers/until.js';
import { createUser } from '../../helpers/users.js';
import { ExportService } from '../../../src/modules/export/export.service.js';
import { HousekeepingService } from '../../../src/modules/housekeeping/housekeeping.service.js';
import { moscowToday } from '../../../src/common/ru-format.js';

type Agent = Awaited<ReturnType<typeof logIn>>;

/** exceljs's typings want an ArrayBuffer-backed Buffer. */
const readWorkbook = (workbook: ExcelJS.Workbook, body: unknown) =>
  workbook.xlsx.load(new Uint8Array(body as Buffer).buffer);

/** Leads in «Новый» (the small exports stream) and drafts (with them the whole list is a background job). */
const NEW_LEADS = 12;
const DRAFTS = 30;
const STREAM_MAX = 25;

interface JobView {
  id: number;
  status: string;
  rowsWritten: number;
  fileName: string;
  downloadUrl: string | null;
}

/** «Экспорт в Excel» / «CSV» of the lists: the list's rows exactly, as files Excel reads. */
describe('list export', () => {
  let testApp: TestApp;
  let exportDir: string;
  let admin: Agent;
  let manager: Agent;
  let otherManager: Agent;
  let committee: Agent;
  let departmentId: number;
  let otherDepartmentId: number;
  let managerId: number;

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;
  const download = (agent: Agent, url: string) => agent.get(url).buffer(true).parse(asBuffer);
  const csvRows = (body: Buffer) =>
    parse(body.toString('utf8').replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
  const listed = async (agent: Agent, resource: string, search: string) => {
    const response = await agent.get(`/admin/api/resources/${resource}/actions/list?${search}&perPage=500`);
    expect(response.status).toBe(200);
    return (response.body.records as { id: string; params: Record<string, unknown> }[]).map(
      (record) => record,
    );
  };
  const jobs = async (agent: Agent) =>
    ((await agent.get('/admin/api/pages/exports')).body as { jobs: JobView[] }).jobs;

  beforeAll(async () => {
    exportDir = mkdtempSync(path.join(os.tmpdir(), 'kosino-crm-test-exports-'));
    testApp = await startTestApp({
      EXPORT_DIR: exportDir,
      EXPORT_STREAM_MAX_ROWS: String(STREAM_MAX),
      EXPORT_POLL_MS: '100',
    });
    [{ id: departmentId }, { id: otherDepartmentId }] = await query<{ id: number }>(
      `SELECT id FROM department WHERE name IN ('Производственно-складской сектор', 'Департамент ВЭД')
       ORDER BY name = 'Департамент ВЭД'`,
    );
    const users = {
      admin: await createUser(testApp.app, 'admin'),
      manager: await createUser(testApp.app, 'manager', { departmentId, fullName: 'Мария Выгрузкина' }),
      otherManager: await createUser(testApp.app, 'manager', { departmentId: otherDepartmentId }),
      committee: await createUser(testApp.app, 'committee'),
    };
    managerId = users.manager.id;
    admin = await logIn(testApp, users.admin.email);
    manager = await logIn(testApp, users.manager.email);
    otherManager = await logIn(testApp, users.otherManager.email);
    committee = await logIn(testApp, users.committee.email);
    // «Новый» leads a minute apart, one company a formula, one with a `;` and quotes.
    await query(
      `INSERT INTO lead (status, source, name, company, phone, object_type_id, department_id, submitted_at,
                         created_at, consent_ip, consent_text_version, consent_at, responsible_user_id)
       SELECT 'new', 'form', 'Контакт ' || g,
              CASE g WHEN 1 THEN '=HYPERLINK("http://evil.test","Жми")' WHEN 2 THEN 'ООО «Кавычки»; "Точка"'
                     ELSE 'Компания ' || lpad(g::text, 2, '0') END,
              '+7495230' || lpad(g::text, 4, '0'), t.id, t.department_id,
              timestamptz '2026-12-04 19:07:00+03' + make_interval(mins => g),
              timestamptz '2026-12-04 19:07:00+03' + make_interval(mins => g), '10.9.8.7', '1', now(), $1
       FROM generate_series(1, $2::int) g, LATERAL (SELECT id, department_id FROM object_type WHERE name = 'Таможня') t`,
      [users.manager.id, NEW_LEADS],
    );
    await query(
      `INSERT INTO lead (status, source, company) SELECT 'draft', 'manual', 'Черновик ' || g FROM generate_series(1, $1::int) g`,
      [DRAFTS],
    );
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('exports exactly the list’s filtered, sorted rows as CSV for Excel: BOM, `;`, CRLF, formulas neutralised', async () => {
    const search = 'filters.status=new&sortBy=company&direction=desc';
    const response = await download(manager, `/admin/export/Lead?format=csv&${search}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8');
    expect(text.split('\r\n').length).toBe(NEW_LEADS + 2); // header, rows, and the empty rest after the last CRLF
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const [header, ...rows] = csvRows(body);
    expect(header.slice(0, 5)).toEqual(['ID', 'Создан', 'Статус', 'Источник', 'Компания']);
    expect(header).not.toContain('IP-адрес согласия');
    expect(text).not.toContain('10.9.8.7');
    const companies = rows.map((row) => row[header.indexOf('Компания')]);
    const listCompanies = (await listed(manager, 'Lead', search)).map((record) =>
      String(record.params.company),
    );
    expect(companies.map((company) => company.replace(/^'(?==)/, ''))).toEqual(listCompanies);
    expect(companies).toContain(`'=HYPERLINK("http://evil.test","Жми")`);
    expect(companies).toContain('ООО «Кавычки»; "Точка"');
    const first = rows.find((row) => row[header.indexOf('Имя')] === 'Контакт 3')!;
    expect(first[header.indexOf('Статус')]).toBe('Новый');
    expect(first[header.indexOf('Создан')]).toBe('04.12.2026, 19:10');
    expect(first[header.indexOf('Телефон')]).toBe("'+7 (495) 230-00-03");
    expect(first[header.indexOf('Ответственный')]).toBe('Мария Выгрузкина');
  });

  it('exports a workbook with Russian headers, real dates and numbers, and a Russian file name with the date', async () => {
    const response = await download(
      admin,
      '/admin/export/Lead?format=xlsx&filters.status=new&sortBy=createdAt&direction=asc',
    );
    expect(response.status).toBe(200);
    const today = moscowToday().split('-').reverse().join('.');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`Лиды ${today}.xlsx`)}`,
    );
    const workbook = new ExcelJS.Workbook();
    await readWorkbook(workbook, response.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Лиды');
    expect(sheet.rowCount).toBe(NEW_LEADS + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['ID', 'Создан', 'Статус']);
    const created = sheet.getRow(2).getCell(2);
    // 19:08 in Moscow is what Excel shows: a date cell with the wall time as it is.
    expect(created.value).toEqual(new Date('2026-12-04T19:08:00Z'));
    expect(created.numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(typeof sheet.getRow(2).getCell(1).value).toBe('number');
  });

  it('exports money as numbers with the ruble format, and calendar dates as dates', async () => {
    const [{ id: clientId }] = await query<{ id: number }>(
      `INSERT INTO client (added_on, source, company_name, department_id, pipeline_id, stage_id)
       SELECT '2026-12-01', 'Выставка', 'ООО Сумма', $1, p.id, s.id
       FROM pipeline p JOIN stage s ON s.pipeline_id = p.id ORDER BY p.id, s.position LIMIT 1 RETURNING id`,
      [departmentId],
    );
    await query(
      `INSERT INTO deal (client_id, kind, status, deal_date, starts_on, total) VALUES ($1, 'contract', 'draft', '2026-12-03', '2027-01-01', 1234567.89)`,
      [clientId],
    );
    const response = await download(manager, `/admin/export/Deal?format=xlsx&filters.clientId=${clientId}`);
    const workbook = new ExcelJS.Workbook();
    await readWorkbook(workbook, response.body);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1);
    expect(sheet.rowCount).toBe(2);
    expect(cell('Сумма (стоимость в год × срок)').value).toBe(1234567.89);
    expect(cell('Сумма (стоимость в год × срок)').numFmt).toBe('#,##0.00 "₽"');
    expect(cell('Дата сделки').value).toEqual(new Date('2026-12-03T00:00:00Z'));
    expect(cell('Дата сделки').numFmt).toBe('dd.mm.yyyy');
    expect(cell('Клиент').value).toBe('ООО Сумма');
    expect(cell('Вид продажи').value).toBe('Договор');
    const csv = csvRows(
      (await download(manager, `/admin/export/Deal?format=csv&filters.clientId=${clientId}`)).body as Buffer,
    );
    expect(csv[1][csv[0].indexOf('Сумма (стоимость в год × срок)')]).toBe('1234567,89');
    expect(csv[1][csv[0].indexOf('Дата сделки')]).toBe('03.12.2026');
  });

  it('gives a manager only their department’s reports, whatever department the query names', async () => {
    await query(
      `INSERT INTO report (kind, department_id, period_start, period_end, origin, generated_at)
       VALUES ('committee', $1, '2026-11-16', '2026-11-22', 'demand', now()),
              ('committee', $2, '2026-11-16', '2026-11-22', 'demand', now()),
              ('annual', NULL, '2025-01-01', '2025-12-31', 'schedule', now())`,
      [departmentId, otherDepartmentId],
    );
    for (const search of ['', `filters.departmentId=${otherDepartmentId}`, 'filters=x&filters.kind=annual']) {
      const [header, ...rows] = csvRows(
        (await download(manager, `/admin/export/Report?format=csv&${search}`)).body as Buffer,
      );
      const listRows = await listed(manager, 'Report', search);
      expect(rows.map((row) => row[0])).toEqual(listRows.map((record) => String(record.id)));
      expect(rows.length).toBe(1);
      expect(rows[0][header.indexOf('Департамент')]).toBe('Производственно-складской сектор');
    }
    const all = csvRows((await download(committee, '/admin/export/Report?format=csv')).body as Buffer);
    expect(all.length - 1).toBe(3);
  });

  it('refuses, in Russian, a list the user may not open and a format or list that does not exist', async () => {
    const refused = async (agent: Agent, url: string, status: number, message: string) => {
      const response = await agent.get(url);
      expect(response.status).toBe(status);
      expect(response.text).toBe(message);
    };
    await refused(committee, '/admin/export/Lead?format=xlsx', 403, 'Выгрузка этого списка вам недоступна');
    await refused(manager, '/admin/export/AuditLog?format=csv', 403, 'Выгрузка этого списка вам недоступна');
    await refused(admin, '/admin/export/User?format=csv', 404, 'Такого списка для выгрузки нет');
    await refused(admin, '/admin/export/constructor?format=csv', 404, 'Такого списка для выгрузки нет');
    await refused(admin, '/admin/export/Lead?format=pdf', 400, 'Выгрузка бывает в формате xlsx или csv');
    const anonymous = await request(testApp.app.getHttpServer()).get('/admin/export/Lead?format=csv');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/admin/login');
    const audit = await download(admin, '/admin/export/AuditLog?format=csv&filters.tableName=department');
    expect(audit.status).toBe(200);
  });

  it('answers forged filters and sorts as the list does: secrets ignored, unreadable values give no rows, never a 5xx', async () => {
    const cases: [string, number][] = [
      ['filters.status=new&sortBy=draftTokenHash', NEW_LEADS],
      ['filters.status=new&sortBy=__proto__&direction=sideways', NEW_LEADS],
      ['filters.status=new&filters.draftTokenHash=x&filters.consentIp=10.9.8.7', NEW_LEADS],
      ['filters.status=new&filters.constructor=1&filters.__proto__.x=1', NEW_LEADS],
      ['filters.createdAt~~from=not-a-date', 0],
      ['filters.id=99999999999999999999', 0],
      ['filters.departmentId=abc', 0],
    ];
    for (const [search, count] of cases) {
      const response = await download(manager, `/admin/export/Lead?format=csv&${search}`);
      expect({ search, status: response.status }).toEqual({ search, status: 200 });
      const listRows = await listed(manager, 'Lead', search);
      const rows = csvRows(response.body as Buffer).slice(1);
      expect({ search, rows: rows.length }).toEqual({ search, rows: listRows.length });
      expect({ search, rows: rows.length }).toEqual({ search, rows: count });
    }
  });

  it('writes a large export in the background, offers it on «Мои выгрузки» to its user only, and deletes it when it expires', async () => {
    const response = await manager.get('/admin/export/Lead?format=csv&sortBy=id&direction=asc');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/admin/pages/exports');
    const job = (await until(
      async () => (await jobs(manager)).find((candidate) => candidate.status === 'done'),
      (found) => found !== undefined,
    ))!;
    expect(job.rowsWritten).toBe(NEW_LEADS + DRAFTS);
    expect(job.fileName).toMatch(/^Лиды \d\d\.\d\d\.\d{4}\.csv$/);
    const file = await download(manager, job.downloadUrl!);
    expect(file.status).toBe(200);
    const rows = csvRows(file.body as Buffer).slice(1);
    expect(rows.map((row) => Number(row[0]))).toEqual(
      (await query<{ id: number }>('SELECT id FROM lead ORDER BY id')).map((lead) => lead.id),
    );
    expect(await jobs(otherManager)).toEqual([]);
    const stolen = await otherManager.get(job.downloadUrl!);
    expect(stolen.status).toBe(404);
    expect(stolen.text).toBe('Выгрузка не найдена');

    const [{ file: name }] = await query<{ file: string }>('SELECT file FROM export_job WHERE id = $1', [
      job.id,
    ]);
    expect(existsSync(path.join(exportDir, name))).toBe(true);
    await query(`UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [job.id]);
    const deleted = await testApp.app.get(HousekeepingService).run(new Date());
    expect(deleted?.export_file).toBe(1);
    expect(existsSync(path.join(exportDir, name))).toBe(false);
    const gone = await manager.get(job.downloadUrl!);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Файл выгрузки удалён');
  });

  it('takes up again a job a dead instance left «в работе», and writes it once', async () => {
    const leadsQuery = testApp.app
      .get(ExportService)
      .query('Lead', { where: {}, order: { property: 'id', direction: 'ASC' } });
    const [{ id }] = await query<{ id: number }>(
      `INSERT INTO export_job (user_id, list, format, file_name, query, status, claim, heartbeat_at, rows_written)
       VALUES ($1, 'Lead', 'xlsx', 'Лиды.xlsx', $2, 'running', gen_random_uuid(), now() - interval '10 minutes', 7)
       RETURNING id`,
      [managerId, JSON.stringify(leadsQuery)],
    );
    const job = (await until(
      async () =>
        (await jobs(manager)).find((candidate) => candidate.id === id && candidate.status === 'done'),
      (found) => found !== undefined,
      // A stale run is taken again once its heartbeat is a minute old: this one is ten minutes old.
    ))!;
    expect(job.rowsWritten).toBe(NEW_LEADS + DRAFTS);
    const workbook = new ExcelJS.Workbook();
    await readWorkbook(workbook, (await download(manager, job.downloadUrl!)).body);
    expect(workbook.worksheets[0].rowCount).toBe(NEW_LEADS + DRAFTS + 1);
  });
});
