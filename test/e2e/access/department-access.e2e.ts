import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { HistoryService } from '../../../src/modules/client/history.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { OTHER_DEPARTMENT } from '../../../src/modules/user/department-access.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/**
 * The records rule: a manager changes the leads, clients, deals and history of their own
 * department only, and reads the rest; administrators change everything. Through AdminJS, the
 * REST API and the services alike, a refusal changes nothing.
 */
describe('managers change only their own department’s records', () => {
  let testApp: TestApp;
  let own: Agent;
  let other: Agent;
  let admin: Agent;
  let ownId: number;
  let otherId: number;
  let lead: { id: number };
  let client: { id: number };
  let deal: { id: number };
  let event: { id: number };
  let typeId: number;
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;
  const versions = async () =>
    (
      await query<{ lead: number; client: number; deal: number; events: number; comment: string }>(
        `SELECT (SELECT version FROM lead WHERE id = $1) AS lead, (SELECT version FROM client WHERE id = $2) AS client,
                (SELECT version FROM deal WHERE id = $3) AS deal,
                (SELECT count(*)::int FROM history_event WHERE client_id = $2) AS events,
                (SELECT comment FROM history_event WHERE id = $4) AS comment`,
        [lead.id, client.id, deal.id, event.id],
      )
    )[0];

  beforeAll(async () => {
    testApp = await startTestApp({ LOG_LEVEL: 'error' });
    const [{ departmentId, objectTypeId }] = await query<{ departmentId: number; objectTypeId: number }>(
      `SELECT department_id AS "departmentId", id AS "objectTypeId" FROM object_type WHERE name = 'Таможня'`,
    );
    const [{ id: elsewhere }] = await query<{ id: number }>(
      `SELECT id FROM department WHERE id <> $1 LIMIT 1`,
      [departmentId],
    );
    const ownManager = await createUser(testApp.app, 'manager', { departmentId });
    const otherManager = await createUser(testApp.app, 'manager', { departmentId: elsewhere });
    ownId = ownManager.id;
    otherId = otherManager.id;
    own = await logIn(testApp, ownManager.email);
    other = await logIn(testApp, otherManager.email);
    admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);

    lead = await testApp.app
      .get(LeadService)
      .create(
        { name: 'Иван', company: 'ООО «Своё»', phone: '+74950000101', objectTypeId },
        { source: 'manual', draft: false, actor: { id: ownId } },
      );
    client = await testApp.app
      .get(ClientService)
      .create({ companyName: 'ООО «Свой клиент»', source: 'Звонок' }, { id: ownId, departmentId });
    deal = await testApp.app
      .get(DealService)
      .create(client.id, { kind: 'loi', dealDate: '2026-05-01' }, { id: ownId });
    [{ id: typeId }] = await query<{ id: number }>('SELECT id FROM history_event_type LIMIT 1');
    event = await testApp.app
      .get(HistoryService)
      .create(client.id, { typeId, comment: 'Звонок', eventDate: '2026-05-02' }, { id: ownId });
  });
  afterAll(async () => {
    await testApp.close();
  });

  const action = (agent: Agent, resource: string, id: number, name: string, data: Record<string, string>) =>
    agent.post(`/admin/api/resources/${resource}/records/${id}/${name}`).type('form').send(data);

  it('refuses another department’s manager every change, in Russian, changing nothing', async () => {
    const before = await versions();
    const attempts = [
      action(other, 'Lead', lead.id, 'takeIntoWork', { primaryResult: 'Позвонил', expectedVersion: '1' }),
      action(other, 'Client', client.id, 'edit', { companyName: 'Чужое', source: 'Звонок', version: '1' }),
      action(other, 'Client', client.id, 'deactivate', { reason: 'Чужой' }),
      action(other, 'Client', client.id, 'addHistoryEvent', {
        typeId: String(typeId),
        comment: 'Чужое',
        eventDate: '2026-05-03',
      }),
      action(other, 'Client', client.id, 'newDeal', { kind: 'loi', dealDate: '2026-05-03' }),
      action(other, 'Deal', deal.id, 'cancel', {}),
      action(other, 'HistoryEvent', event.id, 'edit', {
        clientId: String(client.id),
        typeId: String(typeId),
        comment: 'Чужое',
        eventDate: '2026-05-02',
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(200);
      expect(response.body.notice).toEqual({ message: OTHER_DEPARTMENT, type: 'error' });
    }
    const rest = await other.post(`/api/deals/${deal.id}/cancel`).send({});
    expect(rest.status).toBe(403);
    expect(rest.body.code).toBe('access.other_department');
    expect(rest.body.message).toBe(OTHER_DEPARTMENT);
    const lines = await other.put(`/api/deals/${deal.id}/lines`).send({ lines: [] });
    expect(lines.status).toBe(403);
    const created = await other
      .post('/api/deals')
      .send({ clientId: client.id, kind: 'loi', dealDate: '2026-05-01' });
    expect(created.status).toBe(403);
    expect(await versions()).toEqual(before);
    expect(await query('SELECT 1 FROM deal WHERE client_id = $1', [client.id])).toHaveLength(1);
  });

  it('refuses linking one’s own lead to another department’s client card', async () => {
    const [{ objectTypeId }] = await query<{ objectTypeId: number }>(
      `SELECT id AS "objectTypeId" FROM object_type WHERE department_id =
         (SELECT department_id FROM app_user WHERE id = $1) LIMIT 1`,
      [otherId],
    );
    const ownLead = await testApp.app
      .get(LeadService)
      .create(
        { name: 'Пётр', company: 'ООО «Связь»', phone: '+74950000202', objectTypeId },
        { source: 'manual', draft: false, actor: { id: otherId } },
      );
    const taken = await action(other, 'Lead', ownLead.id, 'takeIntoWork', { primaryResult: 'Позвонил' });
    expect(taken.body.notice.type).toBe('success');
    const before = await versions();
    const linked = await action(other, 'Lead', ownLead.id, 'finishProcessing', {
      summary: 'Это клиент другого отдела',
      outcome: 'convert',
      clientChoice: String(client.id),
    });
    expect(linked.body.notice).toEqual({ message: OTHER_DEPARTMENT, type: 'error' });
    expect(await versions()).toEqual(before);
    expect(await query('SELECT 1 FROM lead WHERE id = $1 AND client_id IS NOT NULL', [ownLead.id])).toEqual(
      [],
    );
  });

  it('lets them read those records, without change actions on the page', async () => {
    for (const [resource, id] of [
      ['Lead', lead.id],
      ['Client', client.id],
      ['Deal', deal.id],
    ] as const) {
      const shown = await other.get(`/admin/api/resources/${resource}/records/${id}/show`);
      expect(shown.status).toBe(200);
      expect(String(shown.body.record.id)).toBe(String(id));
    }
    const actionsOf = async (agent: Agent, resource: string, id: number) =>
      (
        (await agent.get(`/admin/api/resources/${resource}/records/${id}/show`)).body.record
          .recordActions as {
          name: string;
        }[]
      ).map(({ name }) => name);
    expect(await actionsOf(other, 'Lead', lead.id)).not.toContain('takeIntoWork');
    expect(await actionsOf(own, 'Lead', lead.id)).toContain('takeIntoWork');
    expect(await actionsOf(other, 'Client', client.id)).not.toEqual(expect.arrayContaining(['edit']));
    expect(await actionsOf(other, 'Client', client.id)).not.toContain('changeStatus');
    expect(await actionsOf(own, 'Client', client.id)).toEqual(
      expect.arrayContaining(['edit', 'changeStatus']),
    );
    expect((await other.get(`/api/deals/${deal.id}`)).status).toBe(200);
  });

  it('refuses a manager handing a card to another department, and creating one there', async () => {
    const [{ id: elsewhere }] = await query<{ id: number }>(
      `SELECT department_id AS id FROM app_user WHERE id = $1`,
      [otherId],
    );
    const handOver = await action(own, 'Client', client.id, 'edit', {
      companyName: 'ООО «Свой клиент»',
      source: 'Звонок',
      departmentId: String(elsewhere),
    });
    expect(handOver.body.notice).toEqual({ message: OTHER_DEPARTMENT, type: 'error' });
    await expect(
      testApp.app
        .get(ClientService)
        .create({ companyName: 'ООО «Чужой»', source: 'Звонок', departmentId: elsewhere }, { id: ownId }),
    ).rejects.toMatchObject({ code: 'access.other_department', message: OTHER_DEPARTMENT, status: 403 });
  });

  it('lets the department’s own manager and an administrator change them', async () => {
    const taken = await action(own, 'Lead', lead.id, 'takeIntoWork', { primaryResult: 'Позвонил' });
    expect(taken.body.notice.type).toBe('success');
    const edited = await action(own, 'Client', client.id, 'edit', {
      companyName: 'ООО «Свой клиент» 2',
      source: 'Звонок',
    });
    expect(edited.body.notice.type).toBe('success');
    const cancelled = await action(admin, 'Deal', deal.id, 'cancel', {});
    expect(cancelled.body.notice.type).toBe('success');
    const [after] = await query<{ status: string; company: string }>(
      `SELECT (SELECT status::text FROM lead WHERE id = $1) AS status, (SELECT company_name FROM client WHERE id = $2) AS company`,
      [lead.id, client.id],
    );
    expect(after).toEqual({ status: 'qualifying', company: 'ООО «Свой клиент» 2' });
  });
});
