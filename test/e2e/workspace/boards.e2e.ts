import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

interface Card {
  id: number;
  company?: string;
  companyName?: string;
  item?: string | null;
  dealTotal?: string;
  dueAt?: string | null;
}
interface Column {
  status?: string;
  stageId?: number;
  title: string;
  count: number;
  cards: Card[];
  next: string | null;
}

/**
 * «Лиды — канбан» and «Клиенты — воронка» through their page API (GET /admin/api/pages/<name>):
 * columns, paging as a column scrolls, the filters and their defaults, and what a drop means —
 * the record action to open, or a Russian refusal that changes nothing.
 */
describe('the kanban boards', () => {
  let testApp: TestApp;
  let manager: Agent;
  let otherManager: Agent;
  let admin: Agent;
  let committee: Agent;
  let ownDepartment: number;
  let otherDepartment: number;
  let managerId: number;

  const leadsOf = async (department: number, status: string, count: number, prefix: string) =>
    (
      (await testApp.dataSource.query(
        `INSERT INTO lead (status, source, company, name, object_type_id, department_id, phone, submitted_at,
                           created_at, primary_result, primary_result_date, summary, summary_date, outcome)
         SELECT $1::lead_status, 'manual', $2 || ' ' || g, 'Иван ' || g,
                (SELECT id FROM object_type WHERE department_id = $3 ORDER BY id LIMIT 1), $3,
                '+7495111' || lpad(g::text, 4, '0'), now(), now() - g * interval '1 minute',
                done.primary_result, done.day, done.summary, done.day, done.outcome
         FROM generate_series(1, $4::int) g
         LEFT JOIN (SELECT 'Позвонили'::text AS primary_result, current_date AS day, 'Итог'::text AS summary,
                           'inactive'::lead_outcome AS outcome) done ON $1 = 'processed'
         RETURNING id`,
        [status, prefix, department, count],
      )) as { id: number }[]
    ).map((row) => row.id);

  beforeAll(async () => {
    testApp = await startTestApp();
    const departments = (await testApp.dataSource.query(
      `SELECT DISTINCT department_id AS id FROM object_type ORDER BY department_id LIMIT 2`,
    )) as { id: number }[];
    [ownDepartment, otherDepartment] = departments.map((row) => row.id);
    const managerUser = await createUser(testApp.app, 'manager', { departmentId: ownDepartment });
    managerId = managerUser.id;
    manager = await logIn(testApp, managerUser.email);
    otherManager = await logIn(
      testApp,
      (await createUser(testApp.app, 'manager', { departmentId: otherDepartment })).email,
    );
    admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
  });
  afterAll(async () => {
    await testApp.close();
  });

  describe('«Лиды — канбан»', () => {
    let ownNew: number[];
    let otherNew: number[];

    beforeAll(async () => {
      ownNew = await leadsOf(ownDepartment, 'new', 45, 'Своя');
      otherNew = await leadsOf(otherDepartment, 'new', 3, 'Чужая');
      await leadsOf(ownDepartment, 'processed', 2, 'Готово');
    });

    const board = async (agent: Agent, query: Record<string, string> = {}) => {
      const response = await agent.get('/admin/api/pages/leadBoard').query(query);
      expect(response.status).toBe(200);
      return response.body as {
        filter: { departmentId: number | null };
        columns: Column[];
        departments: unknown[];
      };
    };

    it('shows a column per status, the manager’s own department by default', async () => {
      const { filter, columns, departments } = await board(manager);
      expect(filter.departmentId).toBe(ownDepartment);
      expect(columns.map((column) => column.title)).toEqual([
        'Формирование запроса',
        'Новый',
        'Выяснение потребности',
        'Обработан',
      ]);
      const fresh = columns[1];
      expect(fresh.count).toBe(45);
      expect(fresh.cards).toHaveLength(30);
      // Who waits longest comes first.
      expect(fresh.cards[0].company).toBe('Своя 45');
      expect(fresh.cards.some((card) => card.company?.startsWith('Чужая'))).toBe(false);
      expect(columns[3].count).toBe(2);
      // «Новый» has a limit (4 working hours), «Обработан» none.
      expect(fresh.cards.every((card) => typeof card.dueAt === 'string')).toBe(true);
      expect(columns[3].cards.map((card) => card.dueAt)).toEqual([null, null]);
      expect(departments.length).toBeGreaterThan(1);
    });

    it('pages a column as it scrolls, without a card twice or missing', async () => {
      const first = (await board(manager)).columns[1];
      const response = await manager
        .get('/admin/api/pages/leadBoard')
        .query({ column: 'new', cursor: first.next! });
      expect(response.status).toBe(200);
      const second = (response.body as { page: Column }).page;
      expect(second.cards).toHaveLength(15);
      expect(second.next).toBeNull();
      const ids = [...first.cards, ...second.cards].map((card) => card.id);
      expect(new Set(ids).size).toBe(45);
      expect([...ids].sort((a, b) => a - b)).toEqual([...ownNew].sort((a, b) => a - b));
    });

    it('filters by department (all for «Все отделы») and by the responsible manager', async () => {
      const all = await board(manager, { departmentId: 'all' });
      expect(all.filter.departmentId).toBeNull();
      expect(all.columns[1].count).toBe(48);
      expect((await board(admin)).columns[1].count).toBe(48);
      expect((await board(admin, { departmentId: String(otherDepartment) })).columns[1].count).toBe(3);
      expect((await board(manager, { responsibleUserId: String(managerId) })).columns[1].count).toBe(0);
    });

    it('answers a drop with the action its form performs', async () => {
      const plan = await manager
        .post('/admin/api/pages/leadBoard')
        .send({ leadId: ownNew[0], from: 'new', to: 'qualifying' });
      expect(plan.status).toBe(200);
      expect(plan.body).toEqual({ action: 'takeIntoWork' });
    });

    it('refuses in Russian a drop the statuses, the department or a stale board do not allow', async () => {
      const refusals: [Agent, Record<string, unknown>, number, RegExp][] = [
        [manager, { leadId: ownNew[1], from: 'new', to: 'processed' }, 409, /сразу в «Обработан»/],
        [manager, { leadId: ownNew[1], from: 'new', to: 'draft' }, 409, /только вперёд/],
        [manager, { leadId: otherNew[0], from: 'new', to: 'qualifying' }, 403, /другого отдела/],
        [otherManager, { leadId: ownNew[1], from: 'new', to: 'qualifying' }, 403, /другого отдела/],
        [manager, { leadId: ownNew[1], from: 'qualifying', to: 'processed' }, 409, /Обновите доску/],
        [manager, { leadId: 999999, from: 'new', to: 'qualifying' }, 404, /не найден/],
        [manager, { leadId: 'x', from: 'new', to: 'qualifying' }, 422, /не найден/],
        [manager, { leadId: ownNew[1], from: 'new', to: 'lost' }, 422, /Неизвестный статус/],
      ];
      for (const [agent, body, status, message] of refusals) {
        const response = await agent.post('/admin/api/pages/leadBoard').send(body);
        expect({ body, status: response.status }).toEqual({ body, status });
        expect(response.body.message).toMatch(message);
        // Every refusal names itself with a code beside the Russian message.
        expect(response.body.code).toMatch(/^[a-z_]+\.[a-z_.]+$/);
      }
      const stale = await manager
        .post('/admin/api/pages/leadBoard')
        .send({ leadId: 'x', from: 'new', to: 'qualifying' });
      expect(stale.body.code).toBe('board.record_not_found');
      const unknown = await manager
        .post('/admin/api/pages/leadBoard')
        .send({ leadId: ownNew[1], from: 'new', to: 'lost' });
      expect(unknown.body.code).toBe('board.status_unknown');
      const [{ status }] = (await testApp.dataSource.query('SELECT status FROM lead WHERE id = $1', [
        ownNew[1],
      ])) as { status: string }[];
      expect(status).toBe('new');
    });

    it('refuses a broken cursor or filter with a Russian message, and committee members and visitors', async () => {
      const cursor = await manager
        .get('/admin/api/pages/leadBoard')
        .query({ column: 'new', cursor: "1' OR 1=1" });
      expect(cursor.status).toBe(422);
      expect(cursor.body.message).toBe('Не удалось продолжить список — обновите доску');
      const department = await manager.get('/admin/api/pages/leadBoard').query({ departmentId: 'Ж' });
      expect(department.status).toBe(422);
      expect(department.body).toMatchObject({
        code: 'board.department_invalid',
        message: 'Выберите отдел из списка',
        fields: { departmentId: 'Выберите отдел из списка' },
      });
      const responsible = await manager.get('/admin/api/pages/leadBoard').query({ responsibleUserId: '-1' });
      expect(responsible.status).toBe(422);
      expect(responsible.body.code).toBe('board.responsible_invalid');
      expect(Object.keys(responsible.body.fields as object)).toEqual(['responsibleUserId']);
      const refused = await committee.get('/admin/api/pages/leadBoard');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'board.forbidden', message: 'Недостаточно прав' });
      const visitor = await request(testApp.baseUrl).get('/admin/api/pages/leadBoard');
      expect(visitor.status).toBe(302);
    });
  });

  describe('«Клиенты — воронка»', () => {
    let clientId: number;
    let stages: Record<string, number>;

    beforeAll(async () => {
      const [{ id: sectorId }] = (await testApp.dataSource.query(
        `SELECT id FROM client_sector WHERE code = 'sector_3'`,
      )) as { id: number }[];
      const [user] = (await testApp.dataSource.query(`SELECT id FROM app_user WHERE id = $1`, [
        managerId,
      ])) as {
        id: number;
      }[];
      const client = await testApp.app
        .get(ClientService)
        .create(
          { companyName: 'Воронка и Ко', source: 'Звонок', sectorId, confirmNotDuplicate: true },
          { id: user.id, departmentId: ownDepartment },
        );
      clientId = client.id;
      stages = Object.fromEntries(
        (
          (await testApp.dataSource.query(
            `SELECT s.name, s.id FROM stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.code = 'standard'`,
          )) as { name: string; id: number }[]
        ).map((row) => [row.name, row.id]),
      );
      await testApp.dataSource.query(
        `INSERT INTO deal (client_id, kind, status, deal_date, starts_on, total, signed_at)
         VALUES ($1, 'loi', 'signed', current_date, current_date, 1500000, now()),
                ($1, 'loi', 'cancelled', current_date, current_date, 99, NULL)`,
        [clientId],
      );
    });

    it('shows the standard pipeline’s stages with the card’s deal total (cancelled deals left out)', async () => {
      const response = await manager.get('/admin/api/pages/clientBoard');
      expect(response.status).toBe(200);
      const body = response.body as { pipelines: { name: string }[]; columns: Column[] };
      expect(body.pipelines.map((pipeline) => pipeline.name)).toContain('Воронка секторов 1 и 2');
      expect(body.columns.map((column) => column.title)).toEqual(
        expect.arrayContaining(['Новый', 'Подписание LOI', 'Договор подписан', 'Не активен']),
      );
      const fresh = body.columns.find((column) => column.title === 'Новый')!;
      expect(fresh.cards).toEqual([
        expect.objectContaining({ id: clientId, companyName: 'Воронка и Ко', dealTotal: '1500000.00' }),
      ]);
    });

    it('answers a drop with «Установить этап вручную», «Деактивировать» or «Активировать»', async () => {
      const plan = (fromStageId: number, toStageId: number) =>
        manager.post('/admin/api/pages/clientBoard').send({ clientId, fromStageId, toStageId });
      expect((await plan(stages['Новый'], stages['Подписание LOI'])).body).toEqual({ action: 'setStage' });
      expect((await plan(stages['Новый'], stages['Не активен'])).body).toEqual({ action: 'deactivate' });
      const same = await plan(stages['Новый'], stages['Новый']);
      expect(same.status).toBe(422);
      expect(same.body.message).toBe('Клиент уже на этапе «Новый»');
      const other = await otherManager
        .post('/admin/api/pages/clientBoard')
        .send({ clientId, fromStageId: stages['Новый'], toStageId: stages['Подписание LOI'] });
      expect(other.status).toBe(403);
    });

    it('returns an inactive client only to the stage it left', async () => {
      await testApp.dataSource.query(
        `UPDATE client SET stage_id = $2, stage_kind = 'lost', stage_item_id = NULL, resume_stage_id = $3,
                inactive_reason = 'Пауза' WHERE id = $1`,
        [clientId, stages['Не активен'], stages['Подписание LOI']],
      );
      const plan = (toStageId: number) =>
        manager
          .post('/admin/api/pages/clientBoard')
          .send({ clientId, fromStageId: stages['Не активен'], toStageId });
      expect((await plan(stages['Подписание LOI'])).body).toEqual({ action: 'activate' });
      const elsewhere = await plan(stages['Новый']);
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.message).toMatch(/возвращается на этап, с которого ушёл \(«Подписание LOI»\)/);
    });
  });
});
