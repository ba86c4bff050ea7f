import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';

import { DraftRetentionService } from '../../../src/modules/lead/draft-retention.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

/**
 * The public form's drafts and their key (security finding 2): the key continues a draft only for
 * the visitor who started it — the back-office never sees it, the database keeps only its hash, a
 * draft a staff member took over refuses it — and unsent drafts are deleted after their retention.
 */
describe('the drafts of the public form', () => {
  let testApp: TestApp;
  let admin: Agent;
  let manager: Agent;
  let objectTypeId: number;
  let otherObjectTypeId: number;
  const server = () => testApp.app.getHttpServer();
  const api = (body: object) => request(server()).post('/api/leads').send(body);
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;
  /** The whole row as PostgreSQL prints it: every column, whatever the entity maps. */
  const row = async (id: number) =>
    (await query<{ text: string }>('SELECT l::text AS text FROM lead l WHERE id = $1', [id]))[0]?.text;
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  /** A visitor's draft, complete and with consent ticked, as the form autosaves it. */
  async function visitorDraft(company: string): Promise<{ id: number; draftToken: string }> {
    const response = await api({
      draft: true,
      name: 'Вера',
      company,
      phone: '+7 495 765-43-21',
      objectTypeId,
      consent: true,
    });
    expect(response.status).toBe(201);
    expect(response.body.draftToken).toEqual(expect.any(String));
    return response.body as { id: number; draftToken: string };
  }

  beforeAll(async () => {
    testApp = await startTestApp({ LEAD_INTAKE_PER_MINUTE: '1000' });
    const types = await query<{ id: number; departmentId: number; name: string }>(
      `SELECT id, department_id AS "departmentId", name FROM object_type WHERE name IN ('Таможня', 'СТО')`,
    );
    const customs = types.find((type) => type.name === 'Таможня')!;
    objectTypeId = customs.id;
    otherObjectTypeId = types.find((type) => type.name === 'СТО')!.id;
    admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    manager = await logIn(
      testApp,
      (await createUser(testApp.app, 'manager', { departmentId: customs.departmentId })).email,
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('sends the back-office neither a draft’s key nor its hash, in the list, the record or the page', async () => {
    const { id, draftToken } = await visitorDraft('ООО «Секрет черновика»');
    const secrets = [draftToken, sha256(draftToken), '"draftToken"', 'draftTokenHash', 'draft_token_hash'];
    for (const agent of [admin, manager]) {
      const list = await agent.get('/admin/api/resources/Lead/actions/list?perPage=500');
      expect(list.status).toBe(200);
      expect(list.body.records.map((record: { id: string }) => Number(record.id))).toContain(id);
      const show = await agent.get(`/admin/api/resources/Lead/records/${id}/show`);
      expect(show.status).toBe(200);
      expect(show.body.record.params.company).toBe('ООО «Секрет черновика»');
      const page = await agent.get('/admin/resources/Lead');
      for (const text of [list.text, show.text, page.text]) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    }
  });

  it('keeps only the key’s hash in the database; the visitor’s own key still continues and submits the draft', async () => {
    const { id, draftToken } = await visitorDraft('ООО «Только хеш»');
    const stored = await row(id);
    expect(stored).not.toContain(draftToken);
    expect(stored).toContain(sha256(draftToken));

    // The visitor changes their mind: another object type (so another department), then submits.
    const saved = await api({ draft: true, draftToken, name: 'Вера', objectTypeId: otherObjectTypeId });
    expect(saved.body).toEqual({ id, status: 'draft', draftToken });
    const submitted = await api({
      draftToken,
      name: 'Вера',
      company: 'ООО «Только хеш»',
      phone: '+7 495 765-43-21',
      objectTypeId: otherObjectTypeId,
      consent: true,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ id, status: 'new' });
    const [lead] = await query<Record<string, unknown>>(
      `SELECT l.status::text, l.consent_ip, l.consent_at > now() - interval '1 minute' AS "consentNow",
              l.department_id = o.department_id AS routed
       FROM lead l JOIN object_type o ON o.id = $2 WHERE l.id = $1`,
      [id, otherObjectTypeId],
    );
    expect(lead).toEqual({
      status: 'new',
      consent_ip: expect.stringContaining('127.0.0.1'),
      consentNow: true,
      routed: true,
    });
  });

  it('refuses the key of a draft a manager sent to work, with a Russian message, and changes nothing', async () => {
    const { id, draftToken } = await visitorDraft('ООО «Перехваченный черновик»');
    const submitted = await manager
      .post(`/admin/api/resources/Lead/records/${id}/submit`)
      .type('form')
      .send({});
    expect(submitted.body.notice?.type).toBe('success');
    expect(
      await query('SELECT draft_token_revoked_at IS NOT NULL AS revoked FROM lead WHERE id = $1', [id]),
    ).toEqual([{ revoked: true }]);
    const before = await row(id);
    const consentBefore = await query('SELECT consent_at, consent_ip FROM lead WHERE id = $1', [id]);

    for (const body of [
      { draft: true, draftToken, name: 'Подмена', objectTypeId: otherObjectTypeId },
      { draftToken, name: 'Подмена', phone: '+74950000001', objectTypeId: otherObjectTypeId, consent: true },
    ]) {
      const refused = await api(body);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('lead.draft_taken');
      expect(refused.body.message).toBe('Заявка уже обработана сотрудником: отправьте форму заново');
    }
    expect(await row(id)).toBe(before);
    expect(await query('SELECT consent_at, consent_ip FROM lead WHERE id = $1', [id])).toEqual(consentBefore);
    expect(await query('SELECT count(*)::int AS count FROM lead WHERE name = $1', ['Подмена'])).toEqual([
      { count: 0 },
    ]);
  });

  it('does not let a manager send a form draft without the visitor’s consent, nor record one', async () => {
    const response = await api({
      draft: true,
      name: 'Без согласия',
      phone: '+74950000002',
      objectTypeId,
    });
    const { id } = response.body as { id: number };
    const refused = await manager
      .post(`/admin/api/resources/Lead/records/${id}/submit`)
      .type('form')
      .send({});
    expect(refused.body.notice?.type).toBe('error');
    const edit = await admin
      .post(`/admin/api/resources/Lead/records/${id}/edit`)
      .type('form')
      .send({ consentAt: '2026-01-01T00:00:00Z', consentIp: '203.0.113.1', consentTextVersion: '2026-11' });
    expect(edit.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    expect(
      await query(
        'SELECT status::text, consent_at, consent_ip, consent_text_version FROM lead WHERE id = $1',
        [id],
      ),
    ).toEqual([{ status: 'draft', consent_at: null, consent_ip: null, consent_text_version: null }]);
  });

  it('deletes only the form’s unsent drafts not changed for the retention period, with their history', async () => {
    const retention = testApp.app.get(DraftRetentionService);
    const old = await visitorDraft('ООО «Старый черновик»');
    // Changed once by the visitor: the change is in the audit log, with the personal data.
    await api({ draft: true, draftToken: old.draftToken, name: 'Вера Старая', objectTypeId });
    const recent = await visitorDraft('ООО «Свежий черновик»');
    const sent = (await api({ name: 'Отправлено', phone: '+74950000003', objectTypeId, consent: true }))
      .body as { id: number };
    const [{ id: manual }] = await query<{ id: number }>(
      `INSERT INTO lead (status, source, name) VALUES ('draft', 'manual', 'Звонок') RETURNING id`,
    );
    expect(
      await query('SELECT count(*)::int AS count FROM audit_log WHERE table_name = $1 AND record_id = $2', [
        'lead',
        String(old.id),
      ]),
    ).toEqual([{ count: 1 }]);
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const backdate = (id: number, at: Date) =>
      query('UPDATE lead SET updated_at = $2 WHERE id = $1', [id, at]);
    await backdate(old.id, daysAgo(31));
    await backdate(recent.id, daysAgo(29));
    await backdate(sent.id, daysAgo(400));
    await backdate(manual, daysAgo(400));

    // Two instances at once: each deletes what it could lock, together the one draft due.
    const [first, second] = await Promise.all([retention.purge(now), retention.purge(now)]);
    expect(first + second).toBe(1);

    const left = (
      await query<{ id: number }>('SELECT id FROM lead WHERE id = ANY($1)', [
        [old.id, recent.id, sent.id, manual],
      ])
    ).map((lead) => lead.id);
    expect(left.sort()).toEqual([recent.id, sent.id, manual].sort());
    expect(
      await query('SELECT count(*)::int AS count FROM lead_status_change WHERE lead_id = $1', [old.id]),
    ).toEqual([{ count: 0 }]);
    expect(
      await query('SELECT count(*)::int AS count FROM audit_log WHERE table_name = $1 AND record_id = $2', [
        'lead',
        String(old.id),
      ]),
    ).toEqual([{ count: 0 }]);
    // The deleted draft's key now starts a new draft: nothing the visitor types is lost.
    const again = await api({ draft: true, draftToken: old.draftToken, name: 'Вера' });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(old.id);
    expect(await retention.purge(now)).toBe(0);
  });

  it('tells the visitor under the form how long an unsent draft is kept', async () => {
    const page = await request(server()).get('/form');
    expect(page.text).toContain('Черновик заявки хранится 30 дней и удаляется, если заявка не отправлена');
  });
});
