import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { SEARCH_TOO_LONG, SEARCH_TOO_SHORT } from '../../../src/modules/search/search-query.js';
import { SEARCH_FORBIDDEN } from '../../../src/modules/search/search.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

type Agent = Awaited<ReturnType<typeof logIn>>;
interface Answer {
  query: string;
  code: string | null;
  message: string | null;
  groups: { kind: string; label: string; hits: { title: string; subtitle: string; link: string }[] }[];
}

describe('«Поиск»: one box over leads, clients, contact persons and deals', () => {
  let testApp: TestApp;
  let manager: Agent;
  let committee: Agent;
  let clientId: number;
  let otherClientId: number;
  let dealId: number;
  let leadId: number;

  const search = async (agent: Agent, q: string) => {
    const response = await agent.get('/admin/api/pages/search').query({ q });
    expect({ q, status: response.status }).toEqual({ q, status: 200 });
    return response.body as Answer;
  };
  /** The links found in one group. */
  const found = async (q: string, kind: string) =>
    (await search(manager, q)).groups.find((group) => group.kind === kind)!.hits.map((hit) => hit.link);
  const clientLink = (id: number) => `/admin/resources/Client/records/${id}/show`;

  beforeAll(async () => {
    testApp = await startTestApp();
    const [{ id: departmentId }, { id: otherDepartmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department ORDER BY id LIMIT 2`,
    )) as { id: number }[];
    const [{ id: objectTypeId }] = (await testApp.dataSource.query(
      'SELECT id FROM object_type WHERE department_id = $1 LIMIT 1',
      [departmentId],
    )) as { id: number }[];
    const admin = await createUser(testApp.app, 'admin');
    // The manager works in another department: reading is not limited, so they find these too.
    const managerUser = await createUser(testApp.app, 'manager', { departmentId: otherDepartmentId });
    manager = await logIn(testApp, managerUser.email);
    committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
    const actor = { id: admin.id };
    const clients = testApp.app.get(ClientService);
    clientId = (
      await clients.create(
        {
          companyName: 'ООО «Ромашка»',
          source: 'Звонок',
          departmentId,
          phone: '8 (495) 230-27-72',
          email: 'office@romashka.example',
          innEnabled: 'true',
          inn: '7707083893',
          fullNameEnabled: 'true',
          positionEnabled: 'true',
          contacts: [
            {
              lastName: 'Зайцева',
              firstName: 'Марина',
              middleName: 'Олеговна',
              position: 'Главный бухгалтер',
              phone: '+7 916 555-44-33',
              email: 'zaytseva@romashka.example',
            },
          ],
          confirmNotDuplicate: true,
        },
        actor,
      )
    ).id;
    otherClientId = (
      await clients.create(
        { companyName: 'АО «Северный ветер»', source: 'Выставка', departmentId, confirmNotDuplicate: true },
        actor,
      )
    ).id;
    dealId = (
      await testApp.app.get(DealService).create(clientId, { kind: 'loi', dealDate: '2026-05-01' }, actor)
    ).id;
    leadId = (
      await testApp.app.get(LeadService).create(
        {
          name: 'Аркадий Лисицын',
          company: 'ИП Лисицын',
          email: 'Arkady.Lisitsyn@Mail.example',
          objectTypeId,
        },
        { source: 'manual', draft: false, actor },
      )
    ).id;
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('finds a client stored as +74952302772 by 8 (495) 230-27-72 and other ways of writing the number', async () => {
    const [{ phone }] = (await testApp.dataSource.query('SELECT phone FROM client WHERE id = $1', [
      clientId,
    ])) as {
      phone: string;
    }[];
    expect(phone).toBe('+74952302772');
    for (const typed of ['8 (495) 230-27-72', '+7 (495) 230-27-72', '84952302772', '8 495 230-27-72'])
      expect({ typed, links: await found(typed, 'clients') }).toEqual({
        typed,
        links: [clientLink(clientId)],
      });
  });

  it('finds the client by the last 7 digits of its phone and by its INN', async () => {
    expect(await found('2302772', 'clients')).toEqual([clientLink(clientId)]);
    expect(await found('230-27-72', 'clients')).toEqual([clientLink(clientId)]);
    expect(await found('7707083893', 'clients')).toEqual([clientLink(clientId)]);
  });

  it('finds the company by its name with one typo, legal form and quotes ignored', async () => {
    for (const typed of ['Ромашко', 'Рамашка', 'ооо ромашка', '«Ромашка»'])
      expect({ typed, links: await found(typed, 'clients') }).toEqual({
        typed,
        links: [clientLink(clientId)],
      });
    const answer = await search(manager, 'Ромашко');
    const hit = answer.groups.find((group) => group.kind === 'clients')!.hits[0];
    expect(hit.title).toBe('ООО «Ромашка»');
    expect(hit.subtitle).toContain('ИНН 7707083893');
    expect(hit.subtitle).toContain('+7 (495) 230-27-72');
  });

  it('finds a lead by its e-mail (any case, or its start) and by the person’s name', async () => {
    const link = `/admin/resources/Lead/records/${leadId}/show`;
    expect(await found('arkady.lisitsyn@mail.example', 'leads')).toEqual([link]);
    expect(await found('ARKADY.LISITSYN@', 'leads')).toEqual([link]);
    expect(await found('Аркадий Лисицин', 'leads')).toEqual([link]);
    const answer = await search(manager, 'Лисицын');
    expect(answer.groups.map((group) => group.label)).toEqual([
      'Лиды',
      'Клиенты',
      'Контактные лица',
      'Сделки',
    ]);
    expect(answer.groups[0].hits[0].subtitle).toContain('Новый');
  });

  it('finds a contact person of a card by name, phone and e-mail, linking to the card', async () => {
    for (const typed of ['Зайцева Марина', 'Зайцева', '+7 916 555-44-33', '5554433', 'zaytseva@romashka']) {
      const answer = await search(manager, typed);
      const contacts = answer.groups.find((group) => group.kind === 'contacts')!.hits;
      expect({ typed, contacts }).toEqual({
        typed,
        contacts: [
          {
            title: 'Зайцева Марина Олеговна',
            subtitle:
              'клиент «ООО «Ромашка»» · Главный бухгалтер · +7 (916) 555-44-33 · zaytseva@romashka.example',
            link: clientLink(clientId),
            recordId: clientId,
            resource: 'Client',
          },
        ],
      });
    }
  });

  it('finds a deal by its number and through its client', async () => {
    const link = `/admin/resources/Deal/records/${dealId}/show`;
    expect(await found(`№${dealId}`, 'deals')).toEqual([link]);
    expect(await found('Ромашко', 'deals')).toEqual([link]);
    expect(await found('2302772', 'deals')).toEqual([link]);
    expect(await found('Северный ветер', 'deals')).toEqual([]);
    expect(await found('Северный ветер', 'clients')).toEqual([clientLink(otherClientId)]);
  });

  it('answers «nothing» and hostile text with results or a Russian message, never an error', async () => {
    const nothing = await search(manager, 'Щъщъщъ');
    expect(nothing.message).toBeNull();
    expect(nothing.groups.every((group) => group.hits.length === 0)).toBe(true);
    const hostile = [
      '\u0000',
      'Ром\u0000ашка',
      '%',
      '%%%',
      '___',
      '_ромашка%',
      "'; DROP TABLE client; --",
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '\\',
      '@',
      '%@%',
      '\uD800abc',
      '9'.repeat(15),
      '9'.repeat(40),
      'я'.repeat(200),
      // What people type first: a legal form alone (no company words left to look up).
      'ООО',
      'ООО «',
      'ООО Ак',
      '...',
    ];
    for (const q of hostile) {
      const answer = await search(manager, q);
      expect({ q, ok: answer.message === null || /[А-Яа-я]/.test(answer.message) }).toEqual({ q, ok: true });
    }
    // A NUL is dropped, not searched: what is left is still the company.
    expect(await found('Ром\u0000ашка', 'clients')).toEqual([clientLink(clientId)]);
    // Wildcards alone are no word to look up.
    expect(await search(manager, '%%%')).toMatchObject({
      code: 'search.query_too_short',
      message: SEARCH_TOO_SHORT,
      groups: [],
    });
    // 10 000 characters do not fit a URL: the page's API takes a POST too.
    const huge = await manager
      .post('/admin/api/pages/search')
      .type('form')
      .send({ q: 'я'.repeat(10_000) });
    expect({
      status: huge.status,
      code: (huge.body as Answer).code,
      message: (huge.body as Answer).message,
    }).toEqual({
      status: 200,
      code: 'search.query_too_long',
      message: SEARCH_TOO_LONG,
    });
    const [{ count }] = (await testApp.dataSource.query('SELECT count(*)::int AS count FROM client')) as {
      count: number;
    }[];
    expect(count).toBe(2);
    const post = await manager.post('/admin/api/pages/search').type('form').send({ q: '2302772' });
    expect(post.status).toBe(200);
    expect((post.body as Answer).groups[1].hits.map((hit) => hit.link)).toEqual([clientLink(clientId)]);
  });

  it('refuses committee members and visitors without a session', async () => {
    const refused = await committee.get('/admin/api/pages/search').query({ q: 'Ромашка' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      query: '',
      code: 'search.forbidden',
      message: SEARCH_FORBIDDEN,
      groups: [],
    });
    const anonymous = await request(testApp.app.getHttpServer()).get('/admin/api/pages/search?q=Ромашка');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/admin/login');
  });
});
