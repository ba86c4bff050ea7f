import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';

import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

interface Entry {
  user_id: number | null;
  user_label: string | null;
  table_name: string;
  record_id: string;
  action: string;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
}

/** «Журнал изменений»: who created, changed or deleted what, with old and new values. */
describe('the audit log', () => {
  let testApp: TestApp;
  let admin: Agent;
  let manager: Agent;
  let adminId: number;
  let managerId: number;
  let departmentId: number;
  let objectTypeId: number;
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;
  const entries = (table: string, recordId: number | string) =>
    query<Entry>(
      `SELECT user_id, user_label, table_name, record_id, action::text, old_values, new_values
       FROM audit_log WHERE table_name = $1 AND record_id = $2 ORDER BY id`,
      [table, String(recordId)],
    );

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ departmentId, objectTypeId }] = await query<{ departmentId: number; objectTypeId: number }>(
      `SELECT department_id AS "departmentId", id AS "objectTypeId" FROM object_type WHERE name = 'Таможня'`,
    );
    const adminUser = await createUser(testApp.app, 'admin', { fullName: 'Анна Аудит' });
    const managerUser = await createUser(testApp.app, 'manager', { fullName: 'Олег Аудит', departmentId });
    adminId = adminUser.id;
    managerId = managerUser.id;
    admin = await logIn(testApp, adminUser.email);
    manager = await logIn(testApp, managerUser.email);
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('records an administrator’s change of a dictionary: who, and only the fields that changed', async () => {
    const [before] = await query<{ head_email: string | null }>(
      'SELECT head_email FROM department WHERE id = $1',
      [departmentId],
    );
    const response = await admin
      .post(`/admin/api/resources/Department/records/${departmentId}/edit`)
      .type('form')
      .send({ headEmail: 'audit.head@kosino.test' });
    expect(response.body.notice?.type).toBe('success');
    const [entry] = (await entries('department', departmentId)).slice(-1);
    expect(entry).toEqual({
      user_id: adminId,
      user_label: expect.stringContaining('Анна Аудит'),
      table_name: 'department',
      record_id: String(departmentId),
      action: 'update',
      old_values: { head_email: before.head_email },
      new_values: { head_email: 'audit.head@kosino.test' },
    });
  });

  it('records a manager’s work on a lead and a deal through AdminJS and REST, and not a visitor’s form', async () => {
    const visitor = await request(testApp.app.getHttpServer())
      .post('/api/leads')
      .send({ name: 'Посетитель', phone: '+74950000555', objectTypeId, consent: true });
    expect(visitor.status).toBe(201);
    expect(await entries('lead', visitor.body.id as number)).toEqual([]);

    const taken = await manager
      .post(`/admin/api/resources/Lead/records/${visitor.body.id}/takeIntoWork`)
      .type('form')
      .send({ primaryResult: 'Позвонил' });
    expect(taken.body.notice?.type).toBe('success');
    const [take] = await entries('lead', visitor.body.id as number);
    expect(take).toMatchObject({
      user_id: managerId,
      action: 'update',
      old_values: { status: 'new', primary_result: null, responsible_user_id: null },
      new_values: { status: 'qualifying', primary_result: 'Позвонил', responsible_user_id: managerId },
    });

    const client = await admin
      .post('/admin/api/resources/Client/actions/new')
      .type('form')
      .send({
        companyName: 'ООО «Аудит»',
        source: 'Звонок',
        departmentId: String(departmentId),
      });
    const clientId = Number(client.body.record?.id ?? client.body.record?.params?.id);
    expect(clientId).toBeGreaterThan(0);
    expect((await entries('client', clientId))[0]).toMatchObject({ user_id: adminId, action: 'insert' });
    const deal = await manager.post('/api/deals').send({ clientId, kind: 'loi', dealDate: '2026-05-01' });
    expect(deal.status).toBe(201);
    expect(await entries('deal', deal.body.id as number)).toEqual([
      expect.objectContaining({ user_id: managerId, action: 'insert', old_values: null }),
    ]);
  });

  it('records a visitor’s changes of their draft and its submission through its key, naming the visitor', async () => {
    const api = (body: object) => request(testApp.app.getHttpServer()).post('/api/leads').send(body);
    const started = await api({ draft: true, name: 'Черновик', company: 'ООО «Журнал черновика»' });
    const { id, draftToken } = started.body as { id: number; draftToken: string };
    // The first save, like any lead the form sends at once, is the visitor's own record (source, time).
    expect(await entries('lead', id)).toEqual([]);

    await api({ draft: true, draftToken, name: 'Черновик', company: 'ООО «Журнал черновика»', objectTypeId });
    await api({ draftToken, name: 'Черновик', phone: '+74950000666', objectTypeId, consent: true });

    const log = await entries('lead', id);
    const visitor = expect.stringMatching(/^Посетитель формы, IP .*127\.0\.0\.1$/);
    expect(log).toEqual([
      expect.objectContaining({
        user_id: null,
        user_label: visitor,
        action: 'update',
        old_values: expect.objectContaining({ object_type_id: null }),
        new_values: expect.objectContaining({ object_type_id: objectTypeId }),
      }),
      expect.objectContaining({
        user_id: null,
        user_label: visitor,
        action: 'update',
        old_values: expect.objectContaining({ status: 'draft', consent_at: null }),
        new_values: expect.objectContaining({ status: 'new', phone: '+74950000666' }),
      }),
    ]);
    const logged = JSON.stringify(log);
    expect(logged).not.toContain('draft_token');
    expect(logged).not.toContain(draftToken);
  });

  it('names the user of a lead recorded by hand and of a file added to a history event', async () => {
    const created = await manager
      .post('/admin/api/resources/Lead/actions/new')
      .type('form')
      .send({
        name: 'Звонок',
        company: 'ООО «Ручной»',
        phone: '+74950007788',
        objectTypeId: String(objectTypeId),
      });
    expect(created.body.notice?.type).toBe('success');
    const [{ id: leadId }] = await query<{ id: number }>(
      `SELECT id FROM lead WHERE company = 'ООО «Ручной»'`,
    );
    expect(await entries('lead', leadId)).toEqual([
      expect.objectContaining({ user_id: managerId, action: 'insert', old_values: null }),
    ]);

    const [{ clientId }] = await query<{ clientId: number }>(
      `SELECT id AS "clientId" FROM client WHERE company_name = 'ООО «Аудит»'`,
    );
    const [{ id: typeId }] = await query<{ id: number }>('SELECT id FROM history_event_type LIMIT 1');
    const event = await manager
      .post('/admin/api/resources/HistoryEvent/actions/new')
      .field('clientId', String(clientId))
      .field('typeId', String(typeId))
      .field('comment', 'Акт с файлом')
      .attach('files.0', Buffer.from('%PDF-1.4\n%аудит\n'), {
        filename: 'акт.pdf',
        contentType: 'application/pdf',
      });
    expect(event.body.notice?.type).toBe('success');
    const [{ id: eventId }] = await query<{ id: number }>(
      `SELECT id FROM history_event WHERE comment = 'Акт с файлом'`,
    );
    const log = await entries('history_event', eventId);
    // The event, then the file the upload feature records after it: both the manager's.
    expect(log.map(({ action, user_id }) => [action, user_id])).toEqual([
      ['insert', managerId],
      ['update', managerId],
    ]);
    expect(log[1].new_values).toMatchObject({ attachment_names: ['акт.pdf'] });
  });

  it('records users and passwords as changed, never with the hash', async () => {
    const created = await admin.post('/admin/api/resources/User/actions/new').type('form').send({
      email: 'audit.user@kosino.test',
      fullName: 'Новый Пользователь',
      role: 'manager',
      password: 'a-long-enough-pass',
    });
    expect(created.body.notice?.type).toBe('success');
    const [{ id }] = await query<{ id: number }>(
      `SELECT id FROM app_user WHERE email = 'audit.user@kosino.test'`,
    );
    await admin.post(`/admin/api/resources/User/records/${id}/edit`).type('form').send({
      email: 'audit.user@kosino.test',
      fullName: 'Новый Пользователь',
      role: 'manager',
      password: 'another-long-pass',
    });
    const log = await entries('app_user', id);
    expect(log.map(({ action }) => action)).toEqual(['insert', 'update']);
    expect(log[0].new_values).toMatchObject({ email: 'audit.user@kosino.test', password_hash: '•••' });
    expect(log[1].old_values).toEqual({ password_hash: '•••' });
    expect(log[1].new_values).toEqual({ password_hash: '•••' });
    expect(JSON.stringify(await query('SELECT * FROM audit_log'))).not.toMatch(/argon2/);
  });

  it('records a deletion with the values the record had', async () => {
    const [{ id }] = await query<{ id: number }>(
      `INSERT INTO history_event_type (code, name) VALUES ('audit_test', 'Тип для аудита') RETURNING id`,
    );
    const deleted = await admin.post(`/admin/api/resources/HistoryEventType/records/${id}/delete`);
    expect(deleted.body.notice?.type).toBe('success');
    const log = await entries('history_event_type', id);
    expect(log.map(({ action, user_id }) => [action, user_id])).toEqual([
      ['insert', null], // written here without a logged-in user
      ['delete', adminId],
    ]);
    expect(log[1]).toMatchObject({ new_values: null, old_values: { id, name: 'Тип для аудита' } });
  });

  it('shows the log to administrators only, with the changed fields by their Russian names', async () => {
    const [{ id }] = await query<{ id: string }>(
      `SELECT id FROM audit_log WHERE table_name = 'department' ORDER BY id DESC LIMIT 1`,
    );
    const shown = await admin.get(`/admin/api/resources/AuditLog/records/${id}/show`);
    expect(JSON.parse(shown.body.record.params.changes as string)).toEqual([
      {
        field: 'Эл. почта руководителя (Копия)',
        before: expect.any(String),
        after: 'audit.head@kosino.test',
      },
    ]);
    const refused = await manager.get('/admin/api/resources/AuditLog/actions/list');
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const edit = await admin
      .post(`/admin/api/resources/AuditLog/records/${id}/edit`)
      .type('form')
      .send({ tableName: 'x' });
    expect(edit.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
  });
});
