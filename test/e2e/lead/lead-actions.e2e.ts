import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { Lead } from '../../../src/modules/lead/entities/lead.entity.js';
import { ClientService } from '../../../src/modules/client/client.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('lead status actions in the back-office', () => {
  let testApp: TestApp;
  let manager: Agent;
  let managerId: number;
  let committee: Agent;

  beforeAll(async () => {
    testApp = await startTestApp();
    // The manager of the department the test's leads go to (СТО's): they change only its leads.
    const [{ departmentId }] = (await testApp.dataSource.query(
      `SELECT department_id AS "departmentId" FROM object_type WHERE name = 'СТО'`,
    )) as { departmentId: number }[];
    const user = await createUser(testApp.app, 'manager', { departmentId });
    managerId = user.id;
    manager = await logIn(testApp, user.email);
    committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
  });
  afterAll(async () => {
    await testApp.close();
  });

  async function draft(): Promise<Lead> {
    const [{ id }] = (await testApp.dataSource.query(`SELECT id FROM object_type WHERE name = 'СТО'`)) as {
      id: number;
    }[];
    return testApp.app
      .get(LeadService)
      .create(
        { name: 'Пётр', company: 'ООО «Автосервис»', phone: '+74951234567', objectTypeId: id },
        { source: 'manual', draft: true },
      );
  }
  const current = (id: number) => testApp.dataSource.getRepository(Lead).findOneByOrFail({ id });
  const act = (agent: Agent, id: number, action: string, data: Record<string, string> = {}) =>
    agent.post(`/admin/api/resources/Lead/records/${id}/${action}`).type('form').send(data);

  it('offers only the action that fits the lead’s status', async () => {
    const lead = await draft();
    const show = await manager.get(`/admin/api/resources/Lead/records/${lead.id}/show`);
    const names = show.body.record.recordActions.map((action: { name: string }) => action.name);
    expect(names).toContain('submit');
    expect(names).not.toContain('takeIntoWork');
    expect(names).not.toContain('finishProcessing');
    expect(names).not.toContain('edit');
  });

  it('takes a lead through every allowed move with the required fields, as a manager', async () => {
    const lead = await draft();
    const submitted = await act(manager, lead.id, 'submit', { expectedVersion: '1' });
    expect(submitted.body.notice).toEqual({ message: 'leadStatusChanged', type: 'success' });
    expect(submitted.body.redirectUrl).toBe(`/admin/resources/Lead/records/${lead.id}/show`);
    expect(await current(lead.id)).toMatchObject({ status: 'new' });

    const missing = await act(manager, lead.id, 'takeIntoWork', { primaryResult: ' ', expectedVersion: '2' });
    expect(missing.body.notice.type).toBe('error');
    expect(missing.body.code).toBe('lead.field_required');
    expect(missing.body.fieldErrors).toEqual({
      primaryResult: 'Заполните поле «Результат первичной обработки»',
    });
    expect(await current(lead.id)).toMatchObject({ status: 'new', version: 2 });

    const taken = await act(manager, lead.id, 'takeIntoWork', {
      primaryResult: 'Нужна СТО на 4 поста',
      processedOn: '2026-03-02',
      expectedVersion: '2',
    });
    expect(taken.body.notice.type).toBe('success');
    expect(await current(lead.id)).toMatchObject({
      status: 'qualifying',
      primaryResult: 'Нужна СТО на 4 поста',
      primaryResultDate: '2026-03-02',
      responsibleUserId: managerId,
    });

    const stale = await act(manager, lead.id, 'finishProcessing', {
      summary: 'Не подходит',
      outcome: 'inactive',
      expectedVersion: '2',
    });
    expect(stale.body.code).toBe('lead.version_conflict');
    expect(stale.body.notice).toEqual({
      message:
        'Лид уже изменил другой пользователь. Обновите страницу, проверьте его состояние и повторите действие.',
      type: 'error',
    });

    const done = await act(manager, lead.id, 'finishProcessing', {
      summary: 'Не подходит по площади',
      outcome: 'inactive',
      expectedVersion: '3',
    });
    expect(done.body.notice.type).toBe('success');
    // «Не активен» makes no card: the manager stays on the lead.
    expect(done.body.redirectUrl).toBe(`/admin/resources/Lead/records/${lead.id}/show`);
    expect(await current(lead.id)).toMatchObject({ status: 'processed', outcome: 'inactive' });
  });

  it('refuses every move from a wrong status with the Russian reason and changes nothing', async () => {
    const lead = await draft();
    const cases: [string, Record<string, string>][] = [
      ['takeIntoWork', { primaryResult: 'x' }],
      ['finishProcessing', { summary: 'x', outcome: 'convert' }],
    ];
    for (const [action, data] of cases) {
      const response = await act(manager, lead.id, action, data);
      expect(response.body.notice.type).toBe('error');
      expect(response.body.code).toBe('lead.transition_not_allowed');
      expect(response.body.notice.message).toContain('недоступно: лид в статусе «Формирование запроса»');
    }
    await act(manager, lead.id, 'submit');
    const again = await act(manager, lead.id, 'submit');
    expect(again.body.notice.message).toContain('лид в статусе «Новый»');
    expect(await current(lead.id)).toMatchObject({ status: 'new', version: 2 });
  });

  it('keeps committee members and AdminJS’s generic edit away from leads', async () => {
    const lead = await draft();
    const refused = await act(committee, lead.id, 'submit');
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const edit = await manager
      .post(`/admin/api/resources/Lead/records/${lead.id}/edit`)
      .type('form')
      .send({ status: 'processed', outcome: 'convert' });
    expect(edit.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    expect(await current(lead.id)).toMatchObject({ status: 'draft', outcome: null });
  });

  const objectTypeId = async (name: string) =>
    (
      (await testApp.dataSource.query(`SELECT id FROM object_type WHERE name = $1`, [name])) as {
        id: number;
      }[]
    )[0].id;
  const createAs = (agent: Agent, data: Record<string, string>) =>
    agent.post('/admin/api/resources/Lead/actions/new').type('form').send(data);

  it('lets a manager record a call as a draft or straight as «Новый», refusing bad input per field', async () => {
    const before = await testApp.dataSource.getRepository(Lead).count();
    const bad = await createAs(manager, {
      name: 'Звонок',
      phone: '12345',
      objectTypeId: '',
      submitNow: 'true',
    });
    expect(bad.body.notice).toEqual({ message: 'Проверьте заполнение полей', type: 'error' });
    expect(bad.body.code).toBe('lead.input_invalid');
    expect(bad.body.record.errors).toEqual({
      phone: { message: expect.stringContaining('Укажите номер телефона'), type: 'invalid' },
      objectTypeId: { message: 'Выберите тип объекта', type: 'invalid' },
    });
    expect(await testApp.dataSource.getRepository(Lead).count()).toBe(before);

    const draft = await createAs(manager, {
      company: 'ООО «Звонок»',
      name: 'Глеб',
      phone: '',
      submitNow: 'false',
    });
    expect(draft.body.notice).toEqual({ message: 'leadCreated', type: 'success' });
    const draftId = Number(draft.body.record.id);
    expect(draft.body.redirectUrl).toBe(`/admin/resources/Lead/records/${draftId}/show`);
    expect(await current(draftId)).toMatchObject({ status: 'draft', source: 'manual' });
    // A call's draft has no key: only the public form's drafts are continued with one.
    expect(
      await testApp.dataSource.query('SELECT draft_token_hash FROM lead WHERE id = $1', [draftId]),
    ).toEqual([{ draft_token_hash: null }]);

    const refusedSubmit = await act(manager, draftId, 'submit');
    expect(refusedSubmit.body.code).toBe('lead.draft_incomplete');
    expect(refusedSubmit.body.notice.message).toContain('Черновик нельзя отправить в работу');
    expect(refusedSubmit.body.notice.message).toContain('Укажите телефон или эл. почту');
    expect(await current(draftId)).toMatchObject({ status: 'draft', version: 1 });

    const pharmacy = await objectTypeId('Аптека');
    const submitted = await createAs(manager, {
      company: 'ООО «Аптека у дома»',
      name: 'Вера',
      phone: '8 495 000-11-22',
      objectTypeId: String(pharmacy),
      submitNow: 'true',
    });
    expect(submitted.body.notice.type).toBe('success');
    const lead = await current(Number(submitted.body.record.id));
    expect(lead).toMatchObject({ status: 'new', source: 'manual', phone: '+74950001122', consentAt: null });
    const mails = (await testApp.dataSource.query(
      `SELECT count(*)::int AS count FROM notification WHERE lead_id = $1 AND kind = 'lead_created'`,
      [lead.id],
    )) as { count: number }[];
    expect(mails[0].count).toBe(1);

    const refused = await createAs(committee, { company: 'Чужой', submitNow: 'false' });
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
  });

  it('shows a lead’s department and its status history, and filters the list by department', async () => {
    const lead = await draft();
    await act(manager, lead.id, 'submit');
    const show = await manager.get(`/admin/api/resources/Lead/records/${lead.id}/show`);
    const [{ id: infrastructure }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Сектор инфраструктуры и проектов'`,
    )) as { id: number }[];
    expect(show.body.record.params.departmentId).toBe(infrastructure);
    const history = JSON.parse(show.body.record.params.statusHistory as string) as Record<string, unknown>[];
    expect(history).toEqual([
      { changedAt: expect.any(String), from: null, to: 'Формирование запроса', user: null },
      { changedAt: expect.any(String), from: 'Формирование запроса', to: 'Новый', user: expect.any(String) },
    ]);

    const customs = await createAs(manager, {
      company: 'ООО «Таможня»',
      objectTypeId: String(await objectTypeId('Таможня')),
      submitNow: 'false',
    });
    const [{ id: ved }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Департамент ВЭД'`,
    )) as { id: number }[];
    const list = await manager.get(
      `/admin/api/resources/Lead/actions/list?filters.departmentId=${ved}&perPage=500`,
    );
    const ids = (list.body.records as { id: string }[]).map((record) => Number(record.id));
    expect(ids).toContain(Number(customs.body.record.id));
    expect(ids).not.toContain(lead.id);
  });

  it('hands a lead processed with «Преобразовать в клиента» to ClientService.createFromLead in the same transaction', async () => {
    const clients = testApp.app.get(ClientService);
    const seen: { id: number; status: string; outcome: string | null; inTransaction: boolean }[] = [];
    const original = clients.createFromLead.bind(clients);
    clients.createFromLead = async (entityManager, lead) => {
      seen.push({
        id: lead.id,
        status: lead.status,
        outcome: lead.outcome,
        inTransaction: entityManager.queryRunner?.isTransactionActive ?? false,
      });
      return original(entityManager, lead);
    };
    try {
      const leads = testApp.app.get(LeadService);
      for (const outcome of ['inactive', 'convert'] as const) {
        const lead = await draft();
        await leads.submit(lead.id, { id: managerId });
        await leads.takeIntoWork(lead.id, { primaryResult: 'Позвонили' }, { id: managerId });
        await leads.finishProcessing(lead.id, { summary: 'Итог', outcome }, { id: managerId });
        if (outcome === 'convert') {
          expect(seen).toEqual([
            { id: lead.id, status: 'processed', outcome: 'convert', inTransaction: true },
          ]);
        } else {
          expect(seen).toEqual([]);
        }
      }
    } finally {
      clients.createFromLead = original;
    }
  });

  it('shows the possible duplicates in «Завершить обработку» and links the lead to the chosen card', async () => {
    const lead = await draft();
    await act(manager, lead.id, 'submit');
    await act(manager, lead.id, 'takeIntoWork', { primaryResult: 'Позвонили' });
    const [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const existing = await testApp.app.get(ClientService).create(
      {
        companyName: 'Автосервис на Салтыковской',
        source: 'Звонок',
        phone: '+74951234567',
        confirmNotDuplicate: true,
      },
      { id: managerId, departmentId },
    );
    // The form learns of the similar card as it opens, before anything is sent.
    const form = await manager.get(`/admin/api/resources/Lead/records/${lead.id}/finishProcessing`);
    expect(form.body.duplicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: existing.id,
          companyName: 'Автосервис на Салтыковской',
          why: 'тот же телефон',
        }),
      ]),
    );
    const stopped = await act(manager, lead.id, 'finishProcessing', { summary: 'Итог', outcome: 'convert' });
    expect(stopped.body.notice).toEqual({
      message:
        'Похоже, этот клиент уже есть в базе. Привяжите лид к существующей карточке или создайте новую.',
      type: 'error',
    });
    expect(stopped.body.details.duplicates).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: existing.id, why: 'тот же телефон' })]),
    );
    const linked = await act(manager, lead.id, 'finishProcessing', {
      summary: 'Итог',
      outcome: 'convert',
      clientChoice: String(existing.id),
    });
    expect(linked.body.notice).toEqual({ message: 'leadStatusChanged', type: 'success' });
    expect(linked.body.redirectUrl).toBe(`/admin/resources/Client/records/${existing.id}/show`);
    expect(await current(lead.id)).toMatchObject({
      status: 'processed',
      outcome: 'convert',
      clientId: existing.id,
    });
  });

  it('sends the manager from a converted lead to its new client card, with nothing similar to ask about', async () => {
    const [{ id: objectTypeId }] = (await testApp.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'СТО'`,
    )) as { id: number }[];
    const lead = await testApp.app.get(LeadService).create(
      {
        name: 'Смирнова Ольга Петровна',
        company: 'ООО «Новый адрес»',
        phone: '+74997770011',
        objectTypeId,
      },
      { source: 'manual', draft: false },
    );
    const list = await manager.get('/admin/api/resources/Lead/actions/list?perPage=500');
    const row = list.body.records.find((record: { id: unknown }) => String(record.id) === String(lead.id));
    // The list row's «…» menu offers the next move itself.
    expect(row.recordActions.map((action: { name: string }) => action.name)).toContain('takeIntoWork');
    await act(manager, lead.id, 'takeIntoWork', { primaryResult: 'Позвонили' });
    const form = await manager.get(`/admin/api/resources/Lead/records/${lead.id}/finishProcessing`);
    expect(form.body.duplicates).toEqual([]);

    const converted = await act(manager, lead.id, 'finishProcessing', {
      summary: 'Берут склад',
      outcome: 'convert',
    });

    const { clientId } = await current(lead.id);
    expect(clientId).toEqual(expect.any(Number));
    expect(converted.body.notice).toEqual({ message: 'leadStatusChanged', type: 'success' });
    expect(converted.body.redirectUrl).toBe(`/admin/resources/Client/records/${clientId}/show`);
    const [client] = (await testApp.dataSource.query('SELECT contacts FROM client WHERE id = $1', [
      clientId,
    ])) as {
      contacts: unknown[];
    }[];
    expect(client.contacts).toEqual([
      expect.objectContaining({ lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Петровна' }),
    ]);
  });
});
