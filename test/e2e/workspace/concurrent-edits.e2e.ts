import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent, Response } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const ROUNDS = 100;
const STALE = 'уже изменил другой пользователь';

interface Manager {
  id: number;
  name: 'A' | 'B';
  agent: Agent;
}

/**
 * What AdminJS's edit page posts (its paramsToFormData): every param of the record it loaded,
 * the version included, with the user's changes; null and empty values as AdminJS encodes them.
 */
function formOf(params: Record<string, unknown>, changes: Record<string, string>): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...params, ...changes })) {
    if (value === null) form[key] = '__FORM_VALUE_NULL__';
    else if (Array.isArray(value)) form[key] = '__FORM_VALUE_EMPTY_ARRAY__';
    else if (typeof value === 'object') form[key] = '__FORM_VALUE_EMPTY_OBJECT__';
    else form[key] = String(value);
  }
  return form;
}

/** What one round came to: who won, and what each door answered. */
interface Round {
  winner: Manager;
  loser: Manager;
}

/**
 * Two managers of the same department change the same record at the same moment, 100 rounds per
 * kind of record, each sending the version they both saw: exactly one change is taken, the other is
 * refused in Russian, the record holds the winner's values, its version moves by one and its
 * history (status changes, audit log) gains exactly one row — no update is lost.
 */
describe('two managers changing the same record at once', () => {
  let testApp: TestApp;
  let departmentId: number;
  let objectTypeId: number;
  let serviceTypeId: number;
  const managers: Manager[] = [];
  const wins = { lead: { A: 0, B: 0 }, client: { A: 0, B: 0 }, deal: { A: 0, B: 0 } };

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;
  const count = async (sql: string, parameters: unknown[]) =>
    (await query<{ count: number }>(sql, parameters))[0].count;

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ departmentId, objectTypeId }] = await query<{ departmentId: number; objectTypeId: number }>(
      `SELECT department_id AS "departmentId", id AS "objectTypeId" FROM object_type WHERE name = 'СТО'`,
    );
    [{ id: serviceTypeId }] = await query<{ id: number }>(
      `SELECT id FROM service_type WHERE kind = '3pl' ORDER BY id LIMIT 1`,
    );
    for (const name of ['A', 'B'] as const) {
      const user = await createUser(testApp.app, 'manager', { departmentId, fullName: `Менеджер ${name}` });
      managers.push({ id: user.id, name, agent: await logIn(testApp, user.email) });
    }
  });
  afterAll(async () => {
    await testApp?.close();
    // The figures the issue asks for: who won how many rounds (the other was refused each time).
    process.stdout.write(`concurrent edits, wins per manager: ${JSON.stringify(wins)}\n`);
  });

  /** Both managers send at once; exactly one succeeds and the other gets the Russian stale-version refusal. */
  async function race(
    send: (manager: Manager) => Promise<Response>,
    succeeded: (response: Response) => boolean,
    refusal: (response: Response) => string | undefined,
  ): Promise<Round> {
    const answers = await Promise.all(managers.map((manager) => send(manager)));
    const won = answers.map(succeeded);
    expect(won.filter(Boolean)).toHaveLength(1);
    const winnerIndex = won.indexOf(true);
    const loserIndex = 1 - winnerIndex;
    expect(refusal(answers[loserIndex])).toContain(STALE);
    return { winner: managers[winnerIndex], loser: managers[loserIndex] };
  }

  const adminSuccess = (response: Response) => response.body.notice?.type === 'success';
  const adminRefusal = (response: Response) =>
    response.body.notice?.type === 'error' ? (response.body.notice.message as string) : undefined;

  it(`leads: ${ROUNDS} rounds of «Взять в работу» / «Завершить обработку» through AdminJS, one winner each`, async () => {
    const leads = testApp.app.get(LeadService);
    for (let round = 0; round < ROUNDS; round += 2) {
      // A lead gives two rounds: new → qualifying, then qualifying → processed.
      const lead = await leads.create(
        { name: 'Пётр', company: `ООО «Гонка ${round}»`, phone: '+74951234567', objectTypeId },
        { source: 'manual', draft: false },
      );
      const version = lead.version;
      const take = await race(
        (manager) =>
          manager.agent
            .post(`/admin/api/resources/Lead/records/${lead.id}/takeIntoWork`)
            .type('form')
            .send({ primaryResult: `Результат ${manager.name}`, expectedVersion: String(version) }),
        adminSuccess,
        adminRefusal,
      );
      const finish = await race(
        (manager) =>
          manager.agent
            .post(`/admin/api/resources/Lead/records/${lead.id}/finishProcessing`)
            .type('form')
            .send({
              summary: `Итог ${manager.name}`,
              outcome: 'inactive',
              expectedVersion: String(version + 1),
            }),
        adminSuccess,
        adminRefusal,
      );
      wins.lead[take.winner.name] += 1;
      wins.lead[finish.winner.name] += 1;

      const [stored] = await query<Record<string, unknown>>(
        `SELECT status::text, version, primary_result AS "primaryResult", summary,
                responsible_user_id AS "responsibleUserId"
         FROM lead WHERE id = $1`,
        [lead.id],
      );
      expect(stored).toEqual({
        status: 'processed',
        version: version + 2,
        primaryResult: `Результат ${take.winner.name}`,
        summary: `Итог ${finish.winner.name}`,
        responsibleUserId: take.winner.id,
      });
      // One status change per success, by its winner.
      const changes = await query<{ to: string; userId: number }>(
        `SELECT to_status::text AS to, user_id AS "userId" FROM lead_status_change
         WHERE lead_id = $1 AND to_status <> 'new' ORDER BY id`,
        [lead.id],
      );
      expect(changes).toEqual([
        { to: 'qualifying', userId: take.winner.id },
        { to: 'processed', userId: finish.winner.id },
      ]);
    }
    expect(wins.lead.A + wins.lead.B).toBe(ROUNDS);
  });

  it(`clients: ${ROUNDS} rounds of AdminJS’s generic edit of one card with different names, one winner each`, async () => {
    const client = await testApp.app
      .get(ClientService)
      .create(
        { companyName: 'ООО «Гонка»', source: 'Звонок' },
        { id: managers[0].id, departmentId: departmentId },
      );
    const audited = () =>
      count(
        `SELECT count(*)::int AS count FROM audit_log WHERE table_name = 'client' AND record_id = $1 AND action = 'update'`,
        [String(client.id)],
      );
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each opens the edit form (AdminJS's generic one) and sees the same version.
      const forms = await Promise.all(
        managers.map((manager) => manager.agent.get(`/admin/api/resources/Client/records/${client.id}/edit`)),
      );
      const seen = forms.map((form) => form.body.record.params as Record<string, unknown>);
      expect(seen[0].version).toBe(seen[1].version);
      const version = Number(seen[0].version);
      const auditedBefore = await audited();

      const outcome = await race(
        (manager) =>
          manager.agent
            .post(`/admin/api/resources/Client/records/${client.id}/edit`)
            .type('form')
            .send(
              formOf(seen[managers.indexOf(manager)], {
                companyName: `ООО «Гонка ${round} ${manager.name}»`,
              }),
            ),
        adminSuccess,
        adminRefusal,
      );
      wins.client[outcome.winner.name] += 1;

      const [stored] = await query<{ companyName: string; version: number }>(
        `SELECT company_name AS "companyName", version FROM client WHERE id = $1`,
        [client.id],
      );
      expect(stored).toEqual({
        companyName: `ООО «Гонка ${round} ${outcome.winner.name}»`,
        version: version + 1,
      });
      const [entry] = await query<{ userId: number; companyName: string }>(
        `SELECT user_id AS "userId", new_values->>'company_name' AS "companyName" FROM audit_log
         WHERE table_name = 'client' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
        [String(client.id)],
      );
      expect(await audited()).toBe(auditedBefore + 1);
      expect(entry).toEqual({ userId: outcome.winner.id, companyName: stored.companyName });
    }
    expect(wins.client.A + wins.client.B).toBe(ROUNDS);
  });

  it(`deals: ${ROUNDS} rounds of replacing a draft’s lines, through REST and AdminJS’s «Строки сделки», one winner each`, async () => {
    const client = await testApp.app
      .get(ClientService)
      .create(
        { companyName: 'ООО «Сделка наперегонки»', source: 'Звонок' },
        { id: managers[0].id, departmentId },
      );
    const deal = await testApp.app
      .get(DealService)
      .create(client.id, { kind: 'loi' }, { id: managers[0].id });
    const audited = (table: string, action: string) =>
      count(
        `SELECT count(*)::int AS count FROM audit_log a
         WHERE a.table_name = $1 AND a.action = $2::audit_action
           AND (CASE WHEN $1 = 'deal' THEN a.record_id = $3 ELSE coalesce(a.new_values, a.old_values)->>'deal_id' = $3 END)`,
        [table, action, String(deal.id)],
      );
    for (let round = 0; round < ROUNDS; round += 1) {
      const [{ version }] = await query<{ version: number }>(`SELECT version FROM deal WHERE id = $1`, [
        deal.id,
      ]);
      const before = { deal: await audited('deal', 'update'), lines: await audited('deal_line', 'insert') };
      // Distinct totals every round and for each manager, so the winner's lines are recognisable.
      const cost = (manager: Manager) => `${1000 + 2 * round + (manager.name === 'A' ? 0 : 1)}.00`;
      const lines = (manager: Manager) => [
        { kind: '3pl', serviceTypeId, termYears: 1, costPerYear: cost(manager) },
      ];
      // Both doors: in even rounds manager A uses REST and B the back-office, in odd rounds the other way round.
      const viaRest = (manager: Manager) => (manager.name === 'A') === (round % 2 === 0);
      const outcome = await race(
        (manager) =>
          viaRest(manager)
            ? manager.agent
                .put(`/api/deals/${deal.id}/lines`)
                .send({ lines: lines(manager), expectedVersion: version })
            : manager.agent
                .post(`/admin/api/resources/Deal/records/${deal.id}/editLines`)
                .type('form')
                .send({ lines: JSON.stringify(lines(manager)), expectedVersion: String(version) }),
        (response) => (response.request.method === 'PUT' ? response.status === 200 : adminSuccess(response)),
        (response) =>
          response.request.method === 'PUT'
            ? response.status === 409
              ? (response.body.message as string)
              : undefined
            : adminRefusal(response),
      );
      wins.deal[outcome.winner.name] += 1;

      const [stored] = await query<{ total: string; version: number }>(
        `SELECT total::text, version FROM deal WHERE id = $1`,
        [deal.id],
      );
      expect(stored).toEqual({ total: cost(outcome.winner), version: version + 1 });
      const storedLines = await query<{ costPerYear: string }>(
        `SELECT cost_per_year::text AS "costPerYear" FROM deal_line WHERE deal_id = $1`,
        [deal.id],
      );
      expect(storedLines).toEqual([{ costPerYear: cost(outcome.winner) }]);
      expect(await audited('deal', 'update')).toBe(before.deal + 1);
      expect(await audited('deal_line', 'insert')).toBe(before.lines + 1);
    }
    expect(wins.deal.A + wins.deal.B).toBe(ROUNDS);
  });
});
