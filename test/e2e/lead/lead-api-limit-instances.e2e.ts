import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import {
  startSecondInstance,
  startTestApp,
  type SecondInstance,
  type TestApp,
} from '../../helpers/test-app.js';

const LIMIT = 3;
const DRAFT_LIMIT = LIMIT * 10;
const TOO_MANY = 'Слишком много заявок с вашего адреса — повторите через минуту';

// Two instances of the app on one database, as when it is scaled out: the public intake's per-IP
// limits are counted in PostgreSQL, so together they allow what one allows.
describe('per-IP limit of the public intake across instances', () => {
  let first: TestApp;
  let second: SecondInstance;
  let objectTypeId: number;

  const leads = async () =>
    ((await first.dataSource.query(`SELECT count(*)::int AS count FROM lead`)) as { count: number }[])[0]
      .count;

  beforeAll(async () => {
    first = await startTestApp({ LEAD_INTAKE_PER_MINUTE: String(LIMIT) });
    second = await startSecondInstance(first, { LEAD_INTAKE_PER_MINUTE: String(LIMIT) });
    [{ id: objectTypeId }] = (await first.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'Аптека'`,
    )) as { id: number }[];
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });
  beforeEach(async () => {
    // Every test starts with fresh windows (they are all counted from 127.0.0.1).
    await first.dataSource.query('DELETE FROM rate_limit_counter');
  });

  const instances = () => [first.app.getHttpServer(), second.app.getHttpServer()];
  const submitApi = (instance: number) =>
    request(instances()[instance])
      .post('/api/leads')
      .send({ name: 'Ольга', phone: '+74951112233', objectTypeId, consent: true });
  const submitForm = (instance: number) =>
    request(instances()[instance])
      .post('/form')
      .type('form')
      .send({ name: 'Ольга', phone: '+74951112233', objectTypeId: String(objectTypeId), consent: 'on' });
  const saveDraft = (instance: number) =>
    request(instances()[instance]).post('/api/leads').send({ company: 'Черновик', draft: true });

  it('refuses the submission past the limit however they are spread over both instances', async () => {
    const before = await leads();
    const statuses: number[] = [];
    for (let index = 0; index < 2 * LIMIT; index += 1) {
      // The API on the first instance and the plain form on the second, in turn.
      const response = await (index % 2 === 0 ? submitApi(0) : submitForm(1));
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.text).toContain(TOO_MANY);
      }
    }
    expect(statuses).toEqual([201, 303, 201, 429, 429, 429]);
    expect(await leads()).toBe(before + LIMIT);
  });

  it('counts submissions sent at once to both instances exactly', async () => {
    const before = await leads();
    const responses = await Promise.all(
      Array.from({ length: 2 * LIMIT }, (_unused, index) => submitApi(index % 2)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(201), ...Array<number>(LIMIT).fill(429)]);
    expect(await leads()).toBe(before + LIMIT);
  });

  it('counts drafts apart, with their larger allowance, across both instances', async () => {
    for (let index = 0; index < LIMIT; index += 1) expect((await submitApi(index % 2)).status).toBe(201);
    expect((await submitApi(1)).status).toBe(429);
    const statuses: number[] = [];
    for (let index = 0; index < DRAFT_LIMIT + 1; index += 1)
      statuses.push((await saveDraft(index % 2)).status);
    expect(statuses.slice(0, DRAFT_LIMIT)).toEqual(Array<number>(DRAFT_LIMIT).fill(201));
    const refused = await saveDraft(0);
    expect(statuses[DRAFT_LIMIT]).toBe(429);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 'request.rate_limited', message: TOO_MANY });
  });

  it('starts a new window for an address once its minute is over', async () => {
    for (let index = 0; index < LIMIT; index += 1) expect((await submitApi(index % 2)).status).toBe(201);
    expect((await submitApi(0)).status).toBe(429);
    // The minute is over (moved back rather than waited for).
    await first.dataSource.query(`UPDATE rate_limit_counter SET resets_at = now() - interval '1 second'`);
    expect((await submitApi(1)).status).toBe(201);
    const [counter] = (await first.dataSource.query(
      `SELECT hits, resets_at > now() + interval '50 seconds' AS fresh FROM rate_limit_counter WHERE key LIKE 'intake:submit %'`,
    )) as { hits: number; fresh: boolean }[];
    expect(counter).toEqual({ hits: 1, fresh: true });
  });
});
