import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('the public form and the drafts it autosaves', () => {
  let testApp: TestApp;
  let objectTypeId: number;
  const server = () => testApp.app.getHttpServer();
  const count = async (sql: string, parameters: unknown[] = []) =>
    ((await testApp.dataSource.query(sql, parameters)) as { count: number }[])[0].count;
  const leads = () => count('SELECT count(*)::int AS count FROM lead');
  const api = (body: unknown) =>
    request(server())
      .post('/api/leads')
      .send(body as object);
  const form = (body: Record<string, string>) => request(server()).post('/form').type('form').send(body);

  beforeAll(async () => {
    testApp = await startTestApp();
    [{ id: objectTypeId }] = (await testApp.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'Низкотемпературный производственно-складской комплекс'`,
    )) as { id: number }[];
    await testApp.dataSource.query(
      `UPDATE department SET manager_emails = '{sklad@kosino.test}' WHERE name = 'Производственно-складской сектор'`,
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('shows the form in Russian with the object types grouped by department and an unticked consent', async () => {
    const response = await request(server()).get('/form');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    for (const label of ['Имя', 'Компания', 'Телефон', 'Эл.почта', 'Тип объекта', 'Дополнительные данные']) {
      expect(response.text).toContain(`>${label}</label>`);
    }
    for (const department of [
      'Сектор инфраструктуры и проектов',
      'Производственно-складской сектор',
      'Департамент ВЭД',
    ]) {
      expect(response.text).toContain(`<optgroup label="${department}">`);
    }
    expect(response.text).toContain(`<option value="${objectTypeId}">`);
    expect(response.text).toMatch(/<input type="checkbox" id="consent" name="consent" value="on" aria/);
    expect(response.text).toContain('href="/form/consent"');
    const consent = await request(server()).get('/form/consent');
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('152-ФЗ');
    expect(consent.text).toContain('Редакция 2026-11');
    const script = await request(server()).get('/form/assets/form.js');
    expect(script.status).toBe(200);
    expect(script.type).toMatch(/javascript/);
  });

  it('takes a plain form submission (no JavaScript) to «Новый» with its consent and mail, then shows the thanks page', async () => {
    const response = await form({
      name: 'Сергей',
      company: 'ООО «Холод»',
      phone: '8 (495) 222-33-44',
      email: '',
      objectTypeId: String(objectTypeId),
      extra: 'Нужно 500 м² при −18 °C',
      consent: 'on',
      draftToken: '',
      website: '',
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/form/sent');
    const [lead] = (await testApp.dataSource.query(
      `SELECT l.id, l.status::text, l.phone, l.consent_ip, l.consent_text_version, d.name AS department
       FROM lead l JOIN department d ON d.id = l.department_id WHERE l.company = 'ООО «Холод»'`,
    )) as Record<string, unknown>[];
    expect(lead).toMatchObject({
      status: 'new',
      phone: '+74952223344',
      consent_text_version: '2026-11',
      department: 'Производственно-складской сектор',
    });
    expect(lead.consent_ip).toBeTruthy();
    expect(await count('SELECT count(*)::int AS count FROM notification WHERE lead_id = $1', [lead.id])).toBe(
      1,
    );
    const sent = await request(server()).get('/form/sent');
    expect(sent.text).toContain('Спасибо! Заявка отправлена.');
  });

  it('shows a refused plain submission again with Russian messages by the fields and the values kept, writing nothing', async () => {
    const before = await leads();
    const response = await form({
      name: '<script>alert(1)</script>',
      phone: '12',
      objectTypeId: String(objectTypeId),
      extra: 'Текст остаётся',
    });
    expect(response.status).toBe(422);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('Проверьте заполнение полей');
    expect(response.text).toContain('Укажите номер телефона');
    expect(response.text).toContain('дайте согласие на обработку персональных данных');
    expect(response.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.text).not.toContain('<script>alert(1)');
    expect(response.text).toContain('>Текст остаётся</textarea>');
    expect(response.text).toContain(`<option value="${objectTypeId}" selected>`);
    expect(await leads()).toBe(before);
  });

  it('refuses a filled honeypot field, from the API and from the form, writing nothing', async () => {
    const before = await leads();
    const valid = { name: 'Робот', phone: '+74951234567', objectTypeId, consent: true };
    const fromApi = await api({ ...valid, website: 'http://spam.example' });
    expect(fromApi.status).toBe(422);
    expect(fromApi.body.code).toBe('lead.input_invalid');
    expect(fromApi.body.fields.website).toContain('должно оставаться пустым');
    const fromForm = await form({
      name: 'Робот',
      phone: '+74951234567',
      objectTypeId: String(objectTypeId),
      consent: 'on',
      website: 'http://spam.example',
    });
    expect(fromForm.status).toBe(422);
    expect(await leads()).toBe(before);
  });

  it('keeps saving one draft under its token, then submits that same lead once', async () => {
    const first = await api({ draft: true, name: 'Ни' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(Number), status: 'draft', draftToken: expect.any(String) });
    const { id, draftToken } = first.body as { id: number; draftToken: string };
    const second = await api({ draft: true, draftToken, name: 'Нина', company: 'ИП Нина', objectTypeId });
    expect(second.body).toEqual({ id, status: 'draft', draftToken });
    const [draft] = (await testApp.dataSource.query(
      'SELECT name, company, status::text, department_id IS NOT NULL AS routed FROM lead WHERE id = $1',
      [id],
    )) as Record<string, unknown>[];
    expect(draft).toEqual({ name: 'Нина', company: 'ИП Нина', status: 'draft', routed: true });
    expect(await count('SELECT count(*)::int AS count FROM notification WHERE lead_id = $1', [id])).toBe(0);

    const submitted = await api({
      draftToken,
      name: 'Нина',
      phone: '+7 916 123-45-67',
      objectTypeId,
      consent: true,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ id, status: 'new' });
    expect(await count('SELECT count(*)::int AS count FROM notification WHERE lead_id = $1', [id])).toBe(1);
    const history = (await testApp.dataSource.query(
      `SELECT from_status::text AS "from", to_status::text AS "to" FROM lead_status_change WHERE lead_id = $1 ORDER BY id`,
      [id],
    )) as unknown[];
    expect(history).toEqual([
      { from: null, to: 'draft' },
      { from: 'draft', to: 'new' },
    ]);

    const before = await leads();
    for (const late of [
      { draft: true, draftToken, name: 'Поздно' },
      { draftToken, name: 'Нина', phone: '+79161234567', objectTypeId, consent: true },
    ]) {
      const refused = await api(late);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('lead.draft_already_sent');
      expect(refused.body.message).toContain('Эта заявка уже отправлена');
    }
    expect(await leads()).toBe(before);
    expect(await count('SELECT count(*)::int AS count FROM notification WHERE lead_id = $1', [id])).toBe(1);
  });

  it('starts a new draft for a token it does not know and refuses a malformed one', async () => {
    const unknown = await api({
      draft: true,
      draftToken: '00000000-0000-4000-8000-000000000000',
      name: 'Олег',
    });
    expect(unknown.status).toBe(201);
    expect(unknown.body.draftToken).not.toBe('00000000-0000-4000-8000-000000000000');
    const before = await leads();
    const malformed = await api({ draft: true, draftToken: "' OR 1=1 --", name: 'Олег' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.code).toBe('lead.draft_key_invalid');
    expect(malformed.body.fields).toEqual({ draftToken: 'Неверный ключ черновика' });
    expect(await leads()).toBe(before);
  });

  it('documents POST /api/leads with OpenAPI at /api/docs, served from this machine', async () => {
    const page = await request(server()).get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']*\.(js|css)/);
    const document = await request(server()).get('/api/docs-json');
    expect(document.status).toBe(200);
    const operation = document.body.paths['/api/leads'].post;
    expect(operation.summary).toBe('Принять заявку с формы обратной связи');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '409', '422', '429']));
    expect(operation.requestBody.content['application/json'].schema.properties).toHaveProperty('draftToken');
    expect(document.body.paths['/form']).toBeUndefined();
  });
});
