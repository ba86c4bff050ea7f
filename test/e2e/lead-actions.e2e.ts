import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { Lead } from '../../src/modules/lead/entities/lead.entity.js';
import { LeadService } from '../../src/modules/lead/lead.service.js';
import { logIn } from '../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser } from '../helpers/users.js';

describe('lead status actions in the back-office', () => {
  let testApp: TestApp;
  let manager: Agent;
  let managerId: number;
  let committee: Agent;

  beforeAll(async () => {
    testApp = await startTestApp();
    const user = await createUser(testApp.app, 'manager');
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
});
