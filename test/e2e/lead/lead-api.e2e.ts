import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('POST /api/leads', () => {
  let testApp: TestApp;
  let objectTypeId: number;
  const count = async (table: string) =>
    (
      (await testApp.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`)) as { count: number }[]
    )[0].count;

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ id: objectTypeId }] = (await testApp.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'Автомойка'`,
    )) as {
      id: number;
    }[];
    await testApp.dataSource.query(
      `UPDATE department SET manager_emails = '{infra@kosino.test}' WHERE name = 'Сектор инфраструктуры и проектов'`,
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  const post = (body: unknown) =>
    request(testApp.app.getHttpServer())
      .post('/api/leads')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  it('creates a «Новый» lead with its consent record and exactly one notification', async () => {
    const response = await post({
      name: 'Мария',
      company: 'ООО «Чистота»',
      phone: '+7 (495) 111-22-33',
      email: 'maria@chistota.test',
      objectTypeId,
      extra: 'Автомойка на 2 поста',
      consent: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(Number), status: 'new' });
    const [lead] = (await testApp.dataSource.query(
      `SELECT status::text, source::text, phone, consent_text_version, consent_at IS NOT NULL AS consented, consent_ip
       FROM lead WHERE id = $1`,
      [response.body.id],
    )) as Record<string, unknown>[];
    expect(lead).toMatchObject({ status: 'new', source: 'form', phone: '+74951112233', consented: true });
    expect(lead.consent_text_version).toBeTruthy();
    expect(String(lead.consent_ip)).toMatch(/127\.0\.0\.1/);
    const notifications = (await testApp.dataSource.query(
      `SELECT "to" FROM notification WHERE lead_id = $1`,
      [response.body.id],
    )) as { to: string[] }[];
    expect(notifications).toEqual([{ to: ['infra@kosino.test'] }]);
  });

  it('saves a partial draft without notifying anyone', async () => {
    const before = await count('notification');
    const response = await post({ company: 'Черновик', draft: true });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('draft');
    expect(await count('notification')).toBe(before);
  });

  it('refuses bad input with 422 and a Russian message per field, writing nothing', async () => {
    const leads = await count('lead');
    const response = await post({ name: 'Иван', phone: '123', objectTypeId: 999999, consent: false });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('lead.input_invalid');
    expect(response.body.message).toBe('Проверьте заполнение полей');
    expect(Object.keys(response.body.fields as object)).toEqual(expect.arrayContaining(['phone', 'consent']));
    expect(response.body.fields).toMatchObject({
      phone: expect.stringContaining('Укажите номер телефона'),
      consent: expect.stringContaining('согласие'),
    });
    const unknownType = await post({
      name: 'Иван',
      phone: '+74951112233',
      objectTypeId: 999999,
      consent: true,
    });
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.code).toBe('lead.object_type_unknown');
    expect(unknownType.body.fields).toEqual({ objectTypeId: 'Выберите тип объекта из списка' });
    expect(await count('lead')).toBe(leads);
  });

  it('answers malformed JSON and odd bodies with a Russian 4xx, never a 500', async () => {
    const broken = await request(testApp.app.getHttpServer())
      .post('/api/leads')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ code: 'request.invalid', message: 'Неверный запрос' });
    for (const body of [[], 'строка', 42, null, { __proto__: { name: 'x' } }, { name: { $gt: '' } }]) {
      const response = await post(body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
  });
});
