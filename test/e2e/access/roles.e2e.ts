import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const dictionaries = [
  'Department',
  'ObjectType',
  'Premises',
  'ClientSector',
  'CompanyProfile',
  'ProductCategory',
  'ServiceType',
  'HistoryEventType',
  'Pipeline',
  'Stage',
  'StageItem',
];
const administration = ['User', 'LoginAttempt', 'Notification'];

/** AdminJS answers a refused action with 200 and a ForbiddenError notice, and no data. */
function expectForbidden(response: {
  status: number;
  body: { notice?: { message: string }; records?: unknown[] };
}) {
  expect(response.status).toBe(200);
  expect(response.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
  expect(response.body.records ?? []).toEqual([]);
}

/** The resources the sidebar offers this user (AdminJS leaves href empty where list is not allowed). */
async function sidebarResources(agent: Agent): Promise<string[]> {
  const page = await agent.get('/admin');
  const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]) as {
    resources: { id: string; href: string | null }[];
  };
  return state.resources.filter((resource) => resource.href).map((resource) => resource.id);
}

describe('roles in the back-office', () => {
  let testApp: TestApp;
  let admin: Agent;
  let manager: Agent;
  let committee: Agent;
  let departmentId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    manager = await logIn(testApp, (await createUser(testApp.app, 'manager')).email);
    committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
    [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department ORDER BY id LIMIT 1`,
    )) as { id: number }[];
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('shows the administrator every dictionary and the administration section', async () => {
    expect(await sidebarResources(admin)).toEqual(
      expect.arrayContaining([...dictionaries, ...administration]),
    );
    for (const resource of [...dictionaries, ...administration]) {
      const response = await admin.get(`/admin/api/resources/${resource}/actions/list`);
      expect(response.status).toBe(200);
      expect(response.body.records.length).toBeGreaterThanOrEqual(
        ['Premises', 'Notification'].includes(resource) ? 0 : 1,
      );
    }
  });

  it('keeps dictionaries and users out of a manager’s sidebar and lists', async () => {
    expect(await sidebarResources(manager)).toEqual(['Lead', 'Client', 'HistoryEvent', 'Deal', 'Report']);
    expect((await manager.get('/admin/api/resources/Lead/actions/list')).body.notice).toBeUndefined();
    for (const resource of [...dictionaries, ...administration]) {
      expectForbidden(await manager.get(`/admin/api/resources/${resource}/actions/list`));
    }
    // Looked up by id (the value a form's select shows), a department gives its name and nothing else.
    const show = await manager.get(`/admin/api/resources/Department/records/${departmentId}/show`);
    expect(show.body.record.params).toEqual({ id: departmentId, name: expect.any(String) });
    expect(show.body.record.recordActions).toEqual([]);
  });

  it('refuses a manager’s change to a dictionary and changes nothing', async () => {
    const [before] = (await testApp.dataSource.query(`SELECT * FROM department WHERE id = $1`, [
      departmentId,
    ])) as object[];
    const edit = await manager
      .post(`/admin/api/resources/Department/records/${departmentId}/edit`)
      .type('form')
      .send({ name: 'Взломано' });
    expectForbidden(edit);
    const created = await manager
      .post('/admin/api/resources/CompanyProfile/actions/new')
      .type('form')
      .send({ name: 'Новый профиль' });
    expectForbidden(created);
    const removed = await manager.post(`/admin/api/resources/Department/records/${departmentId}/delete`);
    expectForbidden(removed);
    const userCreated = await manager
      .post('/admin/api/resources/User/actions/new')
      .type('form')
      .send({ email: 'x@kosino.test', fullName: 'X', role: 'admin', password: 'long-enough-password' });
    expectForbidden(userCreated);

    const [after] = (await testApp.dataSource.query(`SELECT * FROM department WHERE id = $1`, [
      departmentId,
    ])) as object[];
    expect(after).toEqual(before);
    expect(
      await testApp.dataSource.query(`SELECT 1 FROM company_profile WHERE name = 'Новый профиль'`),
    ).toHaveLength(0);
    expect(
      await testApp.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'x@kosino.test'`),
    ).toHaveLength(0);
  });

  it('lets a manager search dictionaries, which the record selects of CRM forms need', async () => {
    const response = await manager.get('/admin/api/resources/ObjectType/actions/search/Апт');
    expect(response.status).toBe(200);
    expect(response.body.records.map((record: { title: string }) => record.title)).toEqual(['Аптека']);
  });

  it('answers a manager’s search with titles only, whatever the query string asks', async () => {
    const [admin] = (await testApp.dataSource.query(
      `SELECT full_name, password_hash FROM app_user WHERE role = 'admin' LIMIT 1`,
    )) as { full_name: string; password_hash: string }[];
    const probes = [
      '/admin/api/resources/User/actions/search/',
      `/admin/api/resources/User/actions/search/?filters.passwordHash=${encodeURIComponent(admin.password_hash.slice(0, 30))}`,
      '/admin/api/resources/User/actions/search/?perPage=1000&sortBy=passwordHash&searchProperty=email',
      '/admin/api/resources/Department/actions/search/?perPage=1000',
    ];
    for (const probe of probes) {
      const response = await manager.get(probe);
      expect(response.status).toBe(200);
      const body = JSON.stringify(response.body);
      expect(body).not.toMatch(/argon2|@kosino\.test|managerEmails|headEmail|"role"/);
      for (const record of response.body.records as { params: object }[]) {
        expect(Object.keys(record.params).sort()).toEqual(expect.arrayContaining(['id']));
        expect(Object.keys(record.params).length).toBeLessThanOrEqual(2);
      }
    }
    const byName = await manager.get(
      `/admin/api/resources/User/actions/search/${encodeURIComponent(admin.full_name)}`,
    );
    expect(byName.body.records.map((record: { title: string }) => record.title)).toContain(admin.full_name);
  });

  it('answers odd list parameters without an error and never filters on the password hash', async () => {
    const [{ count }] = (await testApp.dataSource.query(`SELECT count(*)::int AS count FROM app_user`)) as {
      count: number;
    }[];
    const hashFilter = await admin.get(
      '/admin/api/resources/User/actions/list?filters.passwordHash=%24argon2id&perPage=100',
    );
    expect(hashFilter.status).toBe(200);
    expect(hashFilter.body.meta.total).toBe(count);
    for (const query of [
      'sortBy=nope&direction=sideways',
      'filters.nope=1',
      'perPage=abc&page=-3',
      'filters.createdAt~~from=garbage',
      'filters.position=NaN',
    ]) {
      const response = await admin.get(`/admin/api/resources/Department/actions/list?${query}`);
      expect(response.status).toBe(200);
    }
    // A reference filter with a value no id can be: no rows, no error.
    for (const value of ['abc', '99999999999', '1.5', '%00']) {
      const response = await admin.get(
        `/admin/api/resources/Lead/actions/list?filters.departmentId=${value}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.meta.total).toBe(0);
    }
  });

  it('gives a committee member the reports and no CRM, dictionary or user access', async () => {
    expect(await sidebarResources(committee)).toEqual(['Report']);
    for (const resource of ['Lead', 'Client', 'HistoryEvent', 'Deal', ...dictionaries, ...administration]) {
      expectForbidden(await committee.get(`/admin/api/resources/${resource}/actions/list`));
      expectForbidden(await committee.get(`/admin/api/resources/${resource}/actions/search/а`));
    }
  });

  it('lets an administrator edit a dictionary', async () => {
    const response = await admin
      .post(`/admin/api/resources/Department/records/${departmentId}/edit`)
      .type('form')
      .send({ 'managerEmails.0': 'infra@kosino.test', headEmail: 'head@kosino.test' });
    expect(response.status).toBe(200);
    const [row] = (await testApp.dataSource.query(
      `SELECT manager_emails, head_email FROM department WHERE id = $1`,
      [departmentId],
    )) as { manager_emails: string[]; head_email: string }[];
    expect(row).toEqual({ manager_emails: ['infra@kosino.test'], head_email: 'head@kosino.test' });
  });
});
