import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { HistoryService } from '../../../src/modules/client/history.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';
import { ACCESS_MATRIX, type Role } from './access-matrix.js';

/**
 * The access matrix of docs/access.md, walked through the AdminJS API and REST as each role and without a
 * session: which resources and actions each role is offered, which it may call (every action of
 * every resource, on a record of the manager's own department and of another), the REST API and
 * the file downloads. Any difference from test/e2e/access/access-matrix.ts fails.
 */
describe('the access matrix', () => {
  let testApp: TestApp;
  const agents = {} as Record<Role, Agent>;
  /** Sample records: `own` of the manager's department, `other` of another one. */
  const records: Record<string, { own: number; other?: number }> = {};
  let fileKey = '';
  let reportId = 0;

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;

  beforeAll(async () => {
    testApp = await startTestApp();
    const [{ ved, vedType }] = await query<{ ved: number; vedType: number }>(
      `SELECT department_id AS ved, id AS "vedType" FROM object_type WHERE name = 'Таможня'`,
    );
    const [{ other, otherType }] = await query<{ other: number; otherType: number }>(
      `SELECT department_id AS other, id AS "otherType" FROM object_type WHERE department_id <> $1 ORDER BY id LIMIT 1`,
      [ved],
    );
    const admin = await createUser(testApp.app, 'admin');
    const manager = await createUser(testApp.app, 'manager', { departmentId: ved });
    const committee = await createUser(testApp.app, 'committee', { departmentId: ved });
    agents.admin = await logIn(testApp, admin.email);
    agents.manager = await logIn(testApp, manager.email);
    agents.committee = await logIn(testApp, committee.email);

    const leads = testApp.app.get(LeadService);
    const clients = testApp.app.get(ClientService);
    const deals = testApp.app.get(DealService);
    const history = testApp.app.get(HistoryService);
    const actor = { id: admin.id };
    const lead = (objectTypeId: number) =>
      leads.create(
        { name: 'Матрица', phone: '+74950000777', objectTypeId },
        { source: 'manual', draft: false, actor },
      );
    const client = (departmentId: number) =>
      clients.create(
        {
          companyName: `ООО «${departmentId === ved ? 'Своя' : 'Чужая'} матрица»`,
          source: 'Звонок',
          departmentId,
          confirmNotDuplicate: true,
        },
        actor,
      );
    records.Lead = { own: (await lead(vedType)).id, other: (await lead(otherType)).id };
    records.Client = { own: (await client(ved)).id, other: (await client(other)).id };
    records.Deal = {
      own: (await deals.create(records.Client.own, { kind: 'loi', dealDate: '2026-05-01' }, actor)).id,
      other: (await deals.create(records.Client.other!, { kind: 'loi', dealDate: '2026-05-01' }, actor)).id,
    };
    const [{ id: typeId }] = await query<{ id: number }>('SELECT id FROM history_event_type LIMIT 1');
    const event = (clientId: number) =>
      history.create(clientId, { typeId, comment: 'Матрица', eventDate: '2026-05-02' }, actor);
    records.HistoryEvent = {
      own: (await event(records.Client.own)).id,
      other: (await event(records.Client.other!)).id,
    };
    // A file of a history event, and a report of the manager's department.
    const upload = await agents.admin
      .post('/admin/api/resources/HistoryEvent/actions/new')
      .field('clientId', String(records.Client.own))
      .field('typeId', String(typeId))
      .field('comment', 'Матрица с файлом')
      .attach('files.0', Buffer.from('%PDF-1.4\n%матрица\n'), {
        filename: 'матрица.pdf',
        contentType: 'application/pdf',
      });
    expect(upload.body.notice?.type).toBe('success');
    [{ key: fileKey }] = await query<{ key: string }>(
      `SELECT attachment_keys[1] AS key FROM history_event WHERE comment = 'Матрица с файлом'`,
    );
    const ordered = await agents.manager.post('/admin/api/resources/Report/actions/requestReport').send({
      kind: 'committee',
      departmentId: String(ved),
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
    });
    expect(ordered.body.notice).toEqual({ message: 'reportReady', type: 'success' });
    reportId = Number(ordered.body.reportId);
    // Every other resource: its first record, as an administrator lists it.
    for (const resource of Object.keys(await offered(agents.admin))) {
      if (records[resource]) continue;
      const list = await agents.admin.get(`/admin/api/resources/${resource}/actions/list?perPage=1`);
      const [first] = (list.body.records ?? []) as { id: string }[];
      if (first) records[resource] = { own: Number(first.id) };
    }
  });
  afterAll(async () => {
    await testApp.close();
  });

  /** What AdminJS offers the user: the resource actions of each resource in the page's state. */
  async function offered(agent: Agent): Promise<Record<string, string[]>> {
    const page = await agent.get('/admin');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]) as {
      resources: { id: string; resourceActions: { name: string }[] }[];
    };
    return Object.fromEntries(
      state.resources.map((resource) => [
        resource.id,
        resource.resourceActions.map(({ name }) => name).sort(),
      ]),
    );
  }

  /** What AdminJS shows on a record's page for the user (accessible and visible actions), or «forbidden». */
  async function shown(agent: Agent, resource: string, id: number): Promise<string[] | 'forbidden'> {
    const response = await agent.get(`/admin/api/resources/${resource}/records/${id}/show`);
    if (response.body.notice?.message === 'forbiddenError') return 'forbidden';
    return (response.body.record.recordActions as { name: string }[]).map(({ name }) => name).sort();
  }

  it('offers each role exactly the resources and resource actions of the matrix', async () => {
    for (const role of ['admin', 'manager', 'committee'] as const) {
      const actual = await offered(agents[role]);
      (await import('node:fs')).writeFileSync(
        `/tmp/matrix-offered-${role}.json`,
        JSON.stringify(actual, null, 1),
      );
      const expected = Object.fromEntries(
        Object.entries(ACCESS_MATRIX).map(([resource, row]) => [
          resource,
          [...row.resourceActions[role]].sort(),
        ]),
      );
      expect({ role, actions: actual }).toEqual({ role, actions: expected });
    }
  });

  it('shows each role exactly the record actions of the matrix, on its own department’s records and on another’s', async () => {
    const dump: Record<string, unknown> = {};
    for (const role of ['admin', 'manager', 'committee'] as const)
      for (const [resource, sample] of Object.entries(records))
        for (const which of ['own', 'other'] as const)
          if (sample[which] !== undefined)
            dump[`${role} ${resource} ${which}`] = await shown(agents[role], resource, sample[which]!);
    (await import('node:fs')).writeFileSync('/tmp/matrix-shown.json', JSON.stringify(dump, null, 1));
    for (const role of ['admin', 'manager', 'committee'] as const) {
      for (const [resource, row] of Object.entries(ACCESS_MATRIX)) {
        const sample = records[resource];
        if (!sample) continue;
        for (const which of ['own', 'other'] as const) {
          const id = sample[which];
          if (id === undefined) continue;
          const expected = row.recordActions[role][which] ?? row.recordActions[role].own;
          const actual = await shown(agents[role], resource, id);
          expect({ role, resource, which, actions: actual }).toEqual({
            role,
            resource,
            which,
            actions: expected === 'forbidden' ? expected : [...expected].sort(),
          });
        }
      }
    }
  });

  it('refuses, through the API itself, every action the matrix does not give a role', async () => {
    for (const role of ['admin', 'manager', 'committee'] as const) {
      for (const [resource, row] of Object.entries(ACCESS_MATRIX)) {
        const own = row.recordActions[role].own;
        const recordActions = new Set([
          ...(row.recordActions.admin.own as string[]),
          ...(row.statusActions ?? []),
          ...(row.neverOffered ?? []).filter((name) => name !== 'new' && name !== 'bulkDelete'),
        ]);
        const allowed = new Set([
          ...row.resourceActions[role],
          ...(own === 'forbidden' ? [] : [...own, ...(row.statusActions ?? [])]),
          ...(row.titleLookup?.includes(role) ? ['show'] : []),
        ]);
        const every = new Set([
          ...row.resourceActions.admin,
          ...recordActions,
          ...(row.neverOffered ?? []),
          ...(row.bulkDelete ? ['bulkDelete'] : []),
        ]);
        const id = records[resource]?.own;
        for (const action of every) {
          if (action === 'bulkDelete' && row.bulkDelete?.includes(role)) continue;
          if (allowed.has(action) && !(row.neverOffered ?? []).includes(action)) continue;
          const url =
            action === 'bulkDelete'
              ? `/admin/api/resources/${resource}/bulk/bulkDelete?recordIds=${id}`
              : recordActions.has(action)
                ? `/admin/api/resources/${resource}/records/${id}/${action}`
                : `/admin/api/resources/${resource}/actions/${action}`;
          if (id === undefined && url.includes('undefined')) continue;
          const response = await agents[role].post(url).type('form').send({});
          expect({ role, resource, action, notice: response.body.notice?.message }).toEqual({
            role,
            resource,
            action,
            notice: 'forbiddenError',
          });
        }
      }
    }
    // Nothing was changed by the refused calls.
    const [{ leads, clients }] = await query<{ leads: number; clients: number }>(
      `SELECT (SELECT count(*)::int FROM lead) AS leads, (SELECT count(*)::int FROM client) AS clients`,
    );
    expect({ leads, clients }).toEqual({ leads: 2, clients: 2 });
  });

  it('answers a manager’s title lookup with the id and title only, and a record that refers to one carries no more of it', async () => {
    for (const [resource, row] of Object.entries(ACCESS_MATRIX)) {
      const id = records[resource]?.own;
      if (!row.titleLookup || id === undefined) continue;
      for (const role of row.titleLookup) {
        const { body } = await agents[role].get(`/admin/api/resources/${resource}/records/${id}/show`);
        const record = body.record as {
          id: string;
          title: string;
          params: Record<string, unknown>;
          populated: object;
          recordActions: unknown[];
        };
        expect({
          resource,
          role,
          id: record.id,
          populated: record.populated,
          actions: record.recordActions,
        }).toEqual({ resource, role, id: String(id), populated: {}, actions: [] });
        expect(Object.values(record.params).map(String).sort()).toEqual(
          [String(id), String(record.title)].sort(),
        );
      }
    }
    // Nor does a record that refers to one carry more of it (AdminJS's `populated`).
    const client = await agents.manager.get(`/admin/api/resources/Client/records/${records.Client.own}/show`);
    const department = client.body.record.populated.departmentId as { title: string; params: object };
    expect(department.title).toBe('Департамент ВЭД');
    expect(Object.keys(department.params)).toEqual(['id']);
  });

  it('answers REST, downloads and the back-office API by role, and sends a visitor without a session to the login page', async () => {
    const server = testApp.app.getHttpServer();
    const anonymous = request(server);
    const status = async (agent: Agent | typeof anonymous, path: string) => (await agent.get(path)).status;
    const paths = {
      deals: `/api/deals?clientId=${records.Client.own}`,
      deal: `/api/deals/${records.Deal.own}`,
      file: `/admin/files/${fileKey.split('/').map(encodeURIComponent).join('/')}`,
      report: `/admin/reports/${reportId}/pdf`,
      leadList: '/admin/api/resources/Lead/actions/list',
      form: '/form',
      docs: '/api/docs-json',
      imports: '/admin/api/import',
    };
    const actual: Record<string, Record<string, number>> = {};
    for (const [who, agent] of [...Object.entries(agents), ['none', anonymous]] as const) {
      actual[who] = {};
      for (const [name, path] of Object.entries(paths)) actual[who][name] = await status(agent, path);
    }
    const allowed = { deals: 200, deal: 200, file: 200, report: 200, leadList: 200, form: 200, docs: 200 };
    expect(actual).toEqual({
      admin: { ...allowed, imports: 200 },
      manager: { ...allowed, imports: 200 },
      committee: {
        deals: 403,
        deal: 403,
        file: 403,
        report: 200,
        leadList: 200,
        form: 200,
        docs: 200,
        imports: 403,
      },
      none: {
        deals: 401,
        deal: 401,
        file: 302,
        report: 302,
        leadList: 302,
        form: 200,
        docs: 200,
        imports: 401,
      },
    });
    const lead = await anonymous.post('/api/leads').send({ draft: true, company: 'Без сессии' });
    expect(lead.status).toBe(201);
    // Without a session, no resource of the back-office answers its API: the login page instead.
    for (const resource of Object.keys(ACCESS_MATRIX)) {
      const list = await anonymous.get(`/admin/api/resources/${resource}/actions/list`);
      const change = await anonymous
        .post(`/admin/api/resources/${resource}/actions/new`)
        .set('Origin', testApp.baseUrl)
        .type('form')
        .send({});
      expect({ resource, list: list.status, new: change.status, to: list.headers.location }).toEqual({
        resource,
        list: 302,
        new: 302,
        to: '/admin/login',
      });
    }
  });
});
