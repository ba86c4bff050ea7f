import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { LeadWriter, type NewLead } from '../../../src/modules/lead/lead-writer.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** New leads arriving together are written in groups: each must still get exactly its own rows. */
describe('LeadWriter (group commit of new leads)', () => {
  let testApp: TestApp;
  let objectTypes: { id: number; name: string; email: string }[];

  beforeAll(async () => {
    testApp = await startTestApp({ LEAD_INTAKE_PER_MINUTE: '1000' });
    objectTypes = (await testApp.dataSource.query(
      `SELECT o.id, o.name, 'dept' || d.id || '@kosino.test' AS email
       FROM object_type o JOIN department d ON d.id = o.department_id ORDER BY o.id LIMIT 3`,
    )) as { id: number; name: string; email: string }[];
    await testApp.dataSource.query(
      `UPDATE department SET manager_emails = ARRAY['dept' || id || '@kosino.test']`,
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  const post = (body: object) =>
    request(testApp.app.getHttpServer())
      .post('/api/leads')
      .set('Content-Type', 'application/json')
      .send(body);

  it('writes 60 simultaneous submissions, drafts and refusals each with its own status row and mail', async () => {
    const bodies = Array.from({ length: 60 }, (_, index) => {
      const type = objectTypes[index % objectTypes.length];
      if (index % 10 === 3) return { company: `Черновик ${index}`, draft: true };
      if (index % 10 === 7)
        return { name: `Неизвестный ${index}`, phone: '+74951112233', objectTypeId: 999_999, consent: true };
      return {
        name: `Клиент ${index}`,
        company: `ООО «Лид ${index}»`,
        phone: `+7495${String(1_000_000 + index)}`,
        objectTypeId: type.id,
        consent: true,
      };
    });
    const responses = await Promise.all(bodies.map((body) => post(body)));

    for (const [index, response] of responses.entries()) {
      const body = bodies[index] as Record<string, unknown>;
      if (body.objectTypeId === 999_999) {
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({
          code: 'lead.object_type_unknown',
          fields: { objectTypeId: 'Выберите тип объекта из списка' },
        });
        continue;
      }
      expect(response.status).toBe(201);
      const [lead] = (await testApp.dataSource.query(
        `SELECT l.status::text, l.name, l.company, l.department_id, o.department_id AS type_department,
                (SELECT array_agg(c.to_status::text) FROM lead_status_change c WHERE c.lead_id = l.id) AS statuses,
                (SELECT array_agg(n.body) FROM notification n WHERE n.lead_id = l.id) AS mails,
                (SELECT array_agg(n."to"[1]) FROM notification n WHERE n.lead_id = l.id) AS recipients
         FROM lead l LEFT JOIN object_type o ON o.id = l.object_type_id WHERE l.id = $1`,
        [response.body.id],
      )) as {
        status: string;
        name: string | null;
        company: string;
        department_id: number | null;
        type_department: number | null;
        statuses: string[];
        mails: string[] | null;
        recipients: string[] | null;
      }[];
      expect(lead.company).toBe(body.company);
      if (body.draft) {
        expect(lead).toMatchObject({
          status: 'draft',
          statuses: ['draft'],
          mails: null,
          department_id: null,
        });
        continue;
      }
      const type = objectTypes.find(({ id }) => id === body.objectTypeId)!;
      expect(lead).toMatchObject({ status: 'new', statuses: ['new'], department_id: lead.type_department });
      expect(lead.recipients).toEqual([type.email]);
      expect(lead.mails).toHaveLength(1);
      expect(lead.mails![0]).toContain(`Компания: ООО «Лид ${index}»`);
      expect(lead.mails![0]).toContain(`Тип объекта: ${type.name}`);
    }
    const [{ leads, orphans }] = (await testApp.dataSource.query(
      `SELECT count(*)::int AS leads,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM lead_status_change c WHERE c.lead_id = l.id))::int AS orphans
       FROM lead l`,
    )) as { leads: number; orphans: number }[];
    expect(leads).toBe(responses.filter((response) => response.status === 201).length);
    expect(orphans).toBe(0);
  });

  it("lets no visitor's odd input fail the others arriving with it: a huge type id, half an emoji", async () => {
    const type = objectTypes[0];
    const bodies = Array.from({ length: 30 }, (_, index) => ({
      name: index % 3 === 0 ? `Иван \ud83d ${index}` : `Иван ${index}`,
      company: `ООО «Соседи ${index}»`,
      phone: `+7495${String(2_000_000 + index)}`,
      objectTypeId: index === 7 ? 9_999_999_999 : type.id,
      consent: true,
    }));
    const responses = await Promise.all(bodies.map((body) => post(body)));
    expect(responses.map((response) => response.status)).toEqual(
      bodies.map((_, index) => (index === 7 ? 422 : 201)),
    );
    expect(responses[7].body.fields).toEqual({ objectTypeId: 'Выберите тип объекта из списка' });
    const [{ name }] = (await testApp.dataSource.query('SELECT name FROM lead WHERE id = $1', [
      responses[3].body.id,
    ])) as { name: string }[];
    expect(name).toBe('Иван \ufffd 3');
  });

  it('refuses only the lead the database refuses when its group fails; the others are written', async () => {
    const writer = testApp.app.get(LeadWriter);
    const lead = (company: string, phone: string): NewLead => ({
      status: 'new',
      source: 'manual',
      name: null,
      company,
      phone,
      email: null,
      objectTypeId: objectTypes[0].id,
      extra: null,
      consentTextVersion: null,
      consentAt: null,
      consentIp: null,
      draftTokenHash: null,
      submittedAt: new Date(),
    });
    const before = (await testApp.dataSource.query('SELECT count(*)::int AS count FROM lead')) as {
      count: number;
    }[];
    // Asked at once: the first two are written alone, at once; the other three wait and form one group.
    const results = await Promise.allSettled([
      writer.write(lead('Первый', '+74950000001'), null),
      writer.write(lead('Группа 1', '+74950000002'), null),
      writer.write(lead('Не телефон', 'не телефон'), null), // breaks CHECK lead_phone_e164
      writer.write(lead('Группа 2', '+74950000003'), null),
      writer.write(lead('Группа 3', '+74950000004'), null),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const written = (await testApp.dataSource.query(
      `SELECT l.company, (SELECT count(*)::int FROM notification n WHERE n.lead_id = l.id) AS mails,
              (SELECT count(*)::int FROM lead_status_change c WHERE c.lead_id = l.id) AS statuses
       FROM lead l WHERE l.company IN ('Первый', 'Группа 1', 'Не телефон', 'Группа 2', 'Группа 3')`,
    )) as { company: string; mails: number; statuses: number }[];
    expect(written.map(({ company }) => company).sort()).toEqual([
      'Группа 1',
      'Группа 2',
      'Группа 3',
      'Первый',
    ]);
    expect(written.every(({ mails, statuses }) => mails === 1 && statuses === 1)).toBe(true);
    const after = (await testApp.dataSource.query('SELECT count(*)::int AS count FROM lead')) as {
      count: number;
    }[];
    expect(after[0].count - before[0].count).toBe(4);
  });
});
