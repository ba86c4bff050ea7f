import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { DealService } from '../../../src/modules/deal/deal.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('deals (service)', () => {
  let testApp: TestApp;
  let deals: DealService;
  let actor: { id: number };
  let clientId: number;
  let premisesId: number;
  let vedId: number;
  let threePlId: number;
  const count = async (sql: string, parameters: unknown[] = []) =>
    ((await testApp.dataSource.query(sql, parameters)) as { count: number }[])[0].count;

  beforeAll(async () => {
    testApp = await startTestApp();
    deals = testApp.app.get(DealService);
    const [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    actor = { id: (await createUser(testApp.app, 'manager', { departmentId })).id };
    clientId = (
      await testApp.app
        .get(ClientService)
        .create({ companyName: 'ООО «Сделки»', source: 'Звонок' }, { id: actor.id, departmentId })
    ).id;
    [{ id: premisesId }] = (await testApp.dataSource.query(
      `INSERT INTO premises (object_type_id, zone, sector, number, area_m2)
       SELECT id, 'А', '3', '12', 512.5 FROM object_type WHERE name = 'Многофункциональный мелкооптовый складской комплекс'
       RETURNING id`,
    )) as { id: number }[];
    [{ id: vedId }] = (await testApp.dataSource.query(
      `SELECT id FROM service_type WHERE kind = 'ved' AND name = 'Склад временного хранения'`,
    )) as { id: number }[];
    [{ id: threePlId }] = (await testApp.dataSource.query(
      `SELECT id FROM service_type WHERE kind = '3pl' AND name = 'Ответственное хранение'`,
    )) as { id: number }[];
  });
  afterAll(async () => {
    await testApp.close();
  });

  const premisesLine = (termYears = 3) => ({
    kind: 'premises',
    premisesId,
    termYears,
    costPerYear: '1200000',
  });

  it('puts a deal together with a line of each kind and sums it per year of term', async () => {
    const deal = await deals.create(clientId, { kind: 'contract', dealDate: '2026-01-15' }, actor);
    const saved = await deals.saveLines(
      deal.id,
      [
        premisesLine(),
        {
          kind: 'ved',
          serviceTypeId: vedId,
          volume: '20 паллет в месяц',
          termYears: 1,
          costPerYear: '250 000,50',
        },
        { kind: '3pl', serviceTypeId: String(threePlId), termYears: '5', costPerYear: 99999.99 },
      ],
      actor,
      deal.version,
    );
    expect(saved.total).toBe('4350000.45');
    const summary = await deals.summary(deal.id);
    expect(summary.lines.map(plain)).toEqual([
      'Помещение зона А, сектор 3, № 12, 512,5 м², 3 600 000,00 ₽, 3 года',
      'Услуга ВЭД «Склад временного хранения», 250 000,50 ₽, 1 год',
      'Услуга 3PL «Ответственное хранение», 499 999,95 ₽, 5 лет',
    ]);
    expect(plain(summary.total)).toBe('Итого: 512,5 м², 4 350 000,45 ₽, срок 5 лет');

    await deals.sign(deal.id, actor);
    const events = (await testApp.dataSource.query(`SELECT comment FROM history_event WHERE client_id = $1`, [
      clientId,
    ])) as { comment: string }[];
    expect(events.map((event) => event.comment)).toContain(`Подписан договор (сделка №${deal.id}).`);
    expect((await deals.occupancy()).get(premisesId)).toEqual({ until: '2029-01-14', dealId: deal.id });
    await expect(deals.saveLines(deal.id, [premisesLine()], actor)).rejects.toMatchObject({
      code: 'deal.not_draft',
      status: 409,
      message: 'Строки меняются только у черновика сделки',
    });
    await expect(deals.sign(deal.id, actor)).rejects.toMatchObject({ code: 'deal.not_draft' });
  });

  it('refuses premises taken by another signed deal for overlapping dates, naming it; cancelling frees them', async () => {
    const [{ id: first }] = (await testApp.dataSource.query(
      `SELECT id FROM deal WHERE status = 'signed' ORDER BY id LIMIT 1`,
    )) as { id: number }[];
    const overlapping = await deals.create(clientId, { kind: 'loi', dealDate: '2026-02-01' }, actor);
    await deals.saveLines(overlapping.id, [premisesLine(1)], actor);
    await expect(deals.sign(overlapping.id, actor)).rejects.toMatchObject({
      code: 'deal.premises_taken',
      message: `Помещение № 12 (зона А) занято по сделке №${first} до 14.01.2029`,
    });
    expect(
      await count(`SELECT count(*)::int AS count FROM deal WHERE id = $1 AND status = 'draft'`, [
        overlapping.id,
      ]),
    ).toBe(1);

    const later = await deals.create(
      clientId,
      { kind: 'loi', dealDate: '2026-02-01', startsOn: '2029-01-15' },
      actor,
    );
    await deals.saveLines(later.id, [premisesLine(2)], actor);
    await expect(deals.sign(later.id, actor)).resolves.toMatchObject({ status: 'signed' });

    await deals.cancel(first, actor);
    await expect(deals.sign(overlapping.id, actor)).resolves.toMatchObject({ status: 'signed' });
    // The database holds the rule even against a direct write.
    await expect(
      testApp.dataSource.query(
        `UPDATE deal_line SET occupancy = daterange('2026-03-01', '2026-04-01') WHERE deal_id = $1`,
        [later.id],
      ),
    ).rejects.toThrow(/deal_line_premises_occupancy/);
  });

  it('refuses bad lines with a Russian message per line and field, writing nothing', async () => {
    const deal = await deals.create(clientId, { kind: 'loi' }, actor);
    await expect(deals.sign(deal.id, actor)).rejects.toMatchObject({
      code: 'deal.no_lines',
      message: expect.stringContaining('Сделку без строк подписать нельзя'),
    });
    await expect(deals.close(deal.id, actor)).rejects.toMatchObject({ code: 'deal.not_signed', status: 409 });
    const before = await count('SELECT count(*)::int AS count FROM deal_line');
    await expect(
      deals.saveLines(
        deal.id,
        [
          { kind: 'premises', premisesId, serviceTypeId: vedId, termYears: 0, costPerYear: '-1' },
          { kind: 'ved', serviceTypeId: threePlId, termYears: 2.5, costPerYear: '10' },
          { kind: 'ved', premisesId, termYears: 1, costPerYear: '1.999' },
          { kind: 'аренда', termYears: 1, costPerYear: '1' },
        ],
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'deal.invalid_lines',
      status: 422,
      fields: {
        'lines.0.serviceTypeId': 'У строки с помещением нет вида услуги',
        'lines.0.termYears': 'Срок — целое число лет, от 1 до 50',
        'lines.0.costPerYear': expect.stringContaining('неотрицательная сумма'),
        'lines.1.termYears': 'Срок — целое число лет, от 1 до 50',
        'lines.2.serviceTypeId': 'Выберите услугу ВЭД из списка',
        'lines.2.premisesId': 'У строки с услугой нет помещения',
        'lines.2.costPerYear': expect.stringContaining('не больше двух знаков'),
        'lines.3.kind': expect.stringContaining('Выберите вид строки'),
      },
    });
    await expect(
      deals.saveLines(
        deal.id,
        [{ kind: 'ved', serviceTypeId: threePlId, termYears: 1, costPerYear: '10' }],
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'deal.invalid_lines',
      fields: { 'lines.0.serviceTypeId': 'Выберите услугу ВЭД из списка' },
    });
    await expect(deals.saveLines(deal.id, { not: 'a list' }, actor)).rejects.toMatchObject({
      code: 'deal.lines_not_list',
      message: 'Ожидается список строк сделки',
    });
    expect(await count('SELECT count(*)::int AS count FROM deal_line')).toBe(before);
    const committee = await createUser(testApp.app, 'committee');
    await expect(
      deals.create(clientId, { kind: 'loi', responsibleUserId: committee.id }, actor),
    ).rejects.toMatchObject({
      fields: { responsibleUserId: 'Выберите активного менеджера или администратора' },
    });
    const colleague = await createUser(testApp.app, 'manager');
    await expect(
      deals.create(clientId, { kind: 'loi', responsibleUserId: colleague.id }, actor),
    ).resolves.toMatchObject({
      responsibleUserId: colleague.id,
    });
    await expect(
      deals.create(clientId, { kind: 'аренда', dealDate: '2999-01-01' }, actor),
    ).rejects.toMatchObject({
      code: 'deal.invalid_fields',
      fields: {
        kind: expect.stringContaining('LOI или Договор'),
        dealDate: 'Дата сделки не может быть в будущем',
      },
    });
  });

  it('works through the back-office API: «Создать», «Строки сделки», «Подписать», summary on the deal and the card', async () => {
    const user = await testApp.dataSource.query(`SELECT email FROM app_user WHERE id = $1`, [actor.id]);
    const manager = await logIn(testApp, (user as { email: string }[])[0].email);
    const created = await manager
      .post('/admin/api/resources/Deal/actions/new')
      .type('form')
      .send({ clientId: String(clientId), kind: 'contract', dealDate: '2026-03-01', startsOn: '2035-01-01' });
    expect(created.body.notice).toEqual({ message: 'dealSaved', type: 'success' });
    const id = Number(created.body.record.id);
    const choices = await manager.get(`/admin/api/resources/Deal/records/${id}/editLines`);
    expect(choices.body.choices.ved.map((service: { name: string }) => service.name)).toContain(
      'Склад временного хранения',
    );
    expect(choices.body.choices.premises[0].occupiedUntil).toBeTruthy();
    const bad = await manager
      .post(`/admin/api/resources/Deal/records/${id}/editLines`)
      .type('form')
      .send({
        lines: JSON.stringify([{ kind: 'ved', serviceTypeId: '', termYears: '0', costPerYear: 'x' }]),
      });
    expect(bad.body.notice).toEqual({ message: 'Проверьте строки сделки', type: 'error' });
    expect(bad.body.fieldErrors['lines.0.termYears']).toBe('Срок — целое число лет, от 1 до 50');
    const saved = await manager
      .post(`/admin/api/resources/Deal/records/${id}/editLines`)
      .type('form')
      .send({
        lines: JSON.stringify([
          { kind: 'premises', premisesId: String(premisesId), termYears: '1', costPerYear: '100000' },
          {
            kind: '3pl',
            serviceTypeId: String(threePlId),
            volume: '',
            termYears: '2',
            costPerYear: '5000,5',
          },
        ]),
      });
    expect(saved.body.notice).toEqual({ message: 'dealSaved', type: 'success' });
    const signed = await manager.post(`/admin/api/resources/Deal/records/${id}/sign`).type('form').send({});
    expect(signed.body.notice).toEqual({ message: 'dealSaved', type: 'success' });
    const show = await manager.get(`/admin/api/resources/Deal/records/${id}/show`);
    expect(plain(JSON.parse(show.body.record.params.summaryPanel as string).total)).toBe(
      'Итого: 512,5 м², 110 001,00 ₽, срок 2 года',
    );
    const card = await manager.get(`/admin/api/resources/Client/records/${clientId}/show`);
    const deals = JSON.parse(card.body.record.params.clientCard as string).deals as { id: number }[];
    expect(deals.map((deal) => deal.id)).toContain(id);

    const admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    const directory = await admin.get('/admin/api/resources/Premises/actions/list');
    const item = (directory.body.records as { id: string; params: Record<string, string> }[]).find(
      (record) => Number(record.id) === premisesId,
    );
    expect(item?.params.occupiedUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item?.params.occupiedByDeal).toBeTruthy();
  });
});
