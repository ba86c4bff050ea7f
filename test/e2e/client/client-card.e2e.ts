import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { moscowToday } from '../../../src/common/moscow-date.js';
import { ClientStatusService } from '../../../src/modules/client/client-status.service.js';
import { ClientService } from '../../../src/modules/client/client.service.js';
import { HistoryService } from '../../../src/modules/client/history.service.js';
import { Client } from '../../../src/modules/client/entities/client.entity.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('client cards', () => {
  let testApp: TestApp;
  let clients: ClientService;
  let leads: LeadService;
  let managerId: number;
  let manager: Agent;
  let departmentId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    clients = testApp.app.get(ClientService);
    leads = testApp.app.get(LeadService);
    [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Производственно-складской сектор'`,
    )) as { id: number }[];
    const user = await createUser(testApp.app, 'manager', { fullName: 'Мария Менеджер', departmentId });
    managerId = user.id;
    manager = await logIn(testApp, user.email);
  });
  afterAll(async () => {
    await testApp.close();
  });

  const card = (id: number) => testApp.dataSource.getRepository(Client).findOneByOrFail({ id });
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;

  async function qualifyingLead(values: Record<string, unknown>) {
    const [{ id: objectTypeId }] = await query<{ id: number }>(
      `SELECT id FROM object_type WHERE name = 'Многофункциональный мелкооптовый складской комплекс'`,
    );
    const lead = await leads.create(
      { objectTypeId, ...values },
      { source: 'manual', draft: false, actor: { id: managerId } },
    );
    await leads.takeIntoWork(lead.id, { primaryResult: 'Созвонились' }, { id: managerId });
    return lead;
  }

  describe('conversion from a lead', () => {
    it('makes the card from the lead: source, date, company, person, phone, e-mail, department, link, status, history', async () => {
      const lead = await qualifyingLead({
        name: 'Пётр Сидоров',
        company: 'ООО «Склад-Сервис»',
        phone: '8 (495) 700-10-20',
        email: 'Petr@Sklad.test',
      });
      await leads.finishProcessing(
        lead.id,
        { summary: 'Нужен склад 2000 м²', outcome: 'convert' },
        { id: managerId },
      );
      const [{ clientId }] = await query<{ clientId: number }>(
        'SELECT client_id AS "clientId" FROM lead WHERE id = $1',
        [lead.id],
      );
      const client = await card(clientId);
      expect(client).toMatchObject({
        source: 'Форма обратной связи',
        addedOn: moscowToday(),
        companyName: 'ООО «Склад-Сервис»',
        phone: '+74957001020',
        email: 'petr@sklad.test',
        departmentId,
        createdFromLeadId: lead.id,
        responsibleUserId: managerId,
        fullNameEnabled: true,
        contacts: [
          {
            // The lead's «Имя» split into the contact person's name (person-name.ts).
            lastName: 'Сидоров',
            firstName: 'Пётр',
            middleName: null,
            position: null,
            phone: '+74957001020',
            email: 'Petr@Sklad.test',
          },
        ],
      });
      const [stage] = await query<{ name: string; pipeline: string }>(
        `SELECT s.name, p.code AS pipeline FROM stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE s.id = $1`,
        [client.stageId],
      );
      expect(stage).toEqual({ name: 'Новый', pipeline: 'standard' });
      const view = await clients.card(clientId);
      expect(view.timeline).toMatchObject([{ kind: 'created', toStage: 'Новый', user: 'Мария Менеджер' }]);
      expect(view.history).toMatchObject([
        { type: 'Обработка «лида»/создание карточки клиента', automatic: true, user: 'Мария Менеджер' },
      ]);
      expect(view.history[0].comment).toContain(`из лида №${lead.id}`);
      expect(view.history[0].comment).toContain('Нужен склад 2000 м²');
      expect(view.leads.map((linked) => linked.id)).toEqual([lead.id]);
    });

    it('stops at possible duplicates, then links the lead to the chosen card or makes a new one as told', async () => {
      const existing = await clients.create(
        { companyName: 'ООО «Морозко»', source: 'Выставка', phone: '+7 495 765-43-21' },
        { id: managerId, departmentId },
      );
      const lead = await qualifyingLead({ name: 'Олег', company: 'Морозко', phone: '8 495 765 43 21' });
      const refused = leads.finishProcessing(
        lead.id,
        { summary: 'Итог', outcome: 'convert' },
        { id: managerId },
      );
      await expect(refused).rejects.toMatchObject({
        code: 'client.duplicate',
        status: 409,
        details: {
          duplicates: [{ id: existing.id, companyName: 'ООО «Морозко»', reasons: ['phone', 'name'] }],
        },
      });
      expect(
        (await query<{ status: string }>('SELECT status::text FROM lead WHERE id = $1', [lead.id]))[0].status,
      ).toBe('qualifying');
      const before = await testApp.dataSource.getRepository(Client).count();
      await leads.finishProcessing(
        lead.id,
        { summary: 'Тот же клиент', outcome: 'convert', clientChoice: existing.id },
        { id: managerId },
      );
      expect(await testApp.dataSource.getRepository(Client).count()).toBe(before);
      const [linked] = await query<{ clientId: number; status: string }>(
        'SELECT client_id AS "clientId", status::text FROM lead WHERE id = $1',
        [lead.id],
      );
      expect(linked).toEqual({ clientId: existing.id, status: 'processed' });
      expect((await clients.card(existing.id)).history[0].comment).toContain(
        `Лид №${lead.id} обработан и привязан`,
      );

      const another = await qualifyingLead({ name: 'Олег', company: 'Морозко', phone: '+74957654321' });
      await leads.finishProcessing(
        another.id,
        { summary: 'Другой', outcome: 'convert', clientChoice: 'new' },
        { id: managerId },
      );
      expect(await testApp.dataSource.getRepository(Client).count()).toBe(before + 1);
    });
  });

  describe('INN and duplicates of cards made by hand', () => {
    it('checks INN vectors with Russian messages', async () => {
      const cases: [string, string | null][] = [
        ['7707083893', null],
        ['500100732259', null],
        ['7707083894', 'Неверный ИНН: не сходятся контрольные цифры'],
        ['77070838ab', 'ИНН состоит только из цифр'],
        ['77070838931', 'ИНН содержит 10 цифр (организация) или 12 цифр (физическое лицо, ИП)'],
      ];
      for (const [inn, message] of cases) {
        const attempt = clients.create(
          { companyName: `ИНН ${inn}`, source: 'Звонок', innEnabled: true, inn, confirmNotDuplicate: true },
          { id: managerId, departmentId },
        );
        if (message)
          await expect(attempt).rejects.toMatchObject({
            code: 'client.invalid_fields',
            status: 422,
            fields: { inn: message },
          });
        else await expect(attempt).resolves.toMatchObject({ inn });
      }
      // An empty INN in a ticked block is no INN.
      await expect(
        clients.create(
          { companyName: 'Без ИНН', source: 'Звонок', innEnabled: true, inn: '' },
          { id: managerId, departmentId },
        ),
      ).resolves.toMatchObject({ inn: null, innEnabled: true });
    });

    it('never makes a second card with the same INN, by hand or by an edit', async () => {
      const [first] = await query<{ id: number }>(`SELECT id FROM client WHERE inn = '7707083893'`);
      const count = await testApp.dataSource.getRepository(Client).count();
      await expect(
        clients.create(
          {
            companyName: 'Совсем другое имя',
            source: 'Звонок',
            innEnabled: true,
            inn: '7707083893',
            confirmNotDuplicate: true,
          },
          { id: managerId, departmentId },
        ),
      ).rejects.toMatchObject({
        code: 'client.inn_taken',
        fields: { inn: `Клиент с ИНН 7707083893 уже есть: «ИНН 7707083893» (№${first.id})` },
      });
      const other = await clients.create(
        { companyName: 'Третья компания', source: 'Звонок' },
        { id: managerId, departmentId },
      );
      await expect(
        clients.update(
          other.id,
          { companyName: 'Третья компания', innEnabled: true, inn: '7707083893' },
          { id: managerId },
        ),
      ).rejects.toMatchObject({ status: 422, fields: { inn: expect.stringContaining('уже есть') } });
      expect(await testApp.dataSource.getRepository(Client).count()).toBe(count + 1);
      await expect(
        testApp.dataSource.query(`UPDATE client SET inn = '7707083893', inn_enabled = true WHERE id = $1`, [
          other.id,
        ]),
      ).rejects.toThrow(/duplicate key/);
    });

    it('shows cards with the same phone, e-mail or a very similar name, and makes the card only when confirmed', async () => {
      const base = await clients.create(
        { companyName: 'ООО "Экор-Логистик"', source: 'Звонок', email: 'info@ekor.test' },
        { id: managerId, departmentId },
      );
      const similar = clients.create(
        { companyName: 'Экор Логистик', source: 'Сайт' },
        { id: managerId, departmentId },
      );
      await expect(similar).rejects.toMatchObject({
        code: 'client.duplicate',
        status: 409,
        fields: { confirmNotDuplicate: 'Проверьте похожие карточки' },
        details: { duplicates: [{ id: base.id, reasons: ['name'] }] },
      });
      await expect(
        clients.create(
          { companyName: 'Другая', source: 'Сайт', email: 'INFO@ekor.test' },
          { id: managerId, departmentId },
        ),
      ).rejects.toMatchObject({ details: { duplicates: [{ id: base.id, reasons: ['email'] }] } });
      await expect(
        clients.create(
          { companyName: 'Экор Логистик', source: 'Сайт', confirmNotDuplicate: true },
          { id: managerId, departmentId },
        ),
      ).resolves.toMatchObject({ companyName: 'Экор Логистик' });
      expect(
        await clients.findDuplicates(testApp.dataSource.manager, { companyName: 'Совсем иное' }),
      ).toEqual([]);
      // A new card's contact person with the phone of an existing card's contact person.
      const withContact = await clients.create(
        { companyName: 'ООО «Контакты»', source: 'Сайт', contacts: [{ phone: '+7 916 555-44-33' }] },
        { id: managerId, departmentId },
      );
      await expect(
        clients.create(
          { companyName: 'Совсем другое', source: 'Сайт', contacts: [{ phone: '89165554433' }] },
          { id: managerId, departmentId },
        ),
      ).rejects.toMatchObject({ details: { duplicates: [{ id: withContact.id, reasons: ['phone'] }] } });
    });
  });

  describe('mini-blocks and contact persons', () => {
    it('keeps a block’s data only while its box is ticked, in the service and in the database', async () => {
      const client = await clients.create(
        {
          companyName: 'ООО «Блоки»',
          source: 'Звонок',
          turnoverEnabled: true,
          turnoverValue: '12,5',
          turnoverUnit: 'thousand_tonnes',
          turnoverYear: String(new Date().getFullYear()),
          infoEnabled: true,
          info: 'Дистрибьютор',
          addressEnabled: true,
          address: 'Москва, ул. Салтыковская, 8',
          fullNameEnabled: true,
          positionEnabled: true,
          contacts: [
            {
              lastName: 'Иванов',
              firstName: 'Иван',
              middleName: 'Иванович',
              position: 'Директор',
              phone: '8 916 111 22 33',
            },
            { lastName: 'Петрова', firstName: 'Анна', position: 'Логист', email: 'Anna@Bloki.test' },
            { lastName: '', firstName: '' },
          ],
        },
        { id: managerId, departmentId },
      );
      expect(await card(client.id)).toMatchObject({
        turnoverValue: '12.500',
        turnoverUnit: 'thousand_tonnes',
        info: 'Дистрибьютор',
      });
      expect(client.contacts).toEqual([
        {
          lastName: 'Иванов',
          firstName: 'Иван',
          middleName: 'Иванович',
          position: 'Директор',
          phone: '+79161112233',
          email: null,
        },
        {
          lastName: 'Петрова',
          firstName: 'Анна',
          middleName: null,
          position: 'Логист',
          phone: null,
          email: 'anna@bloki.test',
        },
      ]);
      const updated = await clients.update(
        client.id,
        {
          companyName: 'ООО «Блоки»',
          turnoverEnabled: false,
          turnoverValue: '12.5',
          infoEnabled: true,
          info: 'Дистрибьютор',
          addressEnabled: false,
          address: 'Москва',
          fullNameEnabled: true,
          positionEnabled: false,
          contacts: client.contacts,
        },
        { id: managerId },
        client.version,
      );
      expect(updated).toMatchObject({
        turnoverValue: null,
        turnoverUnit: null,
        turnoverYear: null,
        address: null,
        info: 'Дистрибьютор',
      });
      expect(updated.contacts.map((person) => person.position)).toEqual([null, null]);
      await expect(
        clients.update(client.id, { companyName: 'ООО «Блоки»' }, { id: managerId }, client.version),
      ).rejects.toMatchObject({ code: 'client.stale', status: 409 });
      await expect(
        testApp.dataSource.query(`UPDATE client SET address = 'x' WHERE id = $1`, [client.id]),
      ).rejects.toThrow(/client_address_block/);
    });

    it('refuses bad card input per field in Russian and writes nothing', async () => {
      const count = await testApp.dataSource.getRepository(Client).count();
      await expect(
        clients.create(
          {
            companyName: ' ',
            phone: '123',
            email: 'нет',
            turnoverEnabled: true,
            turnoverValue: '-5',
            turnoverYear: '1812',
            fullNameEnabled: true,
            contacts: [{ lastName: 'x'.repeat(101), email: 'bad' }],
          },
          { id: managerId, departmentId },
        ),
      ).rejects.toMatchObject({
        code: 'client.invalid_fields',
        status: 422,
        fields: {
          companyName: 'Укажите наименование компании',
          phone: expect.stringContaining('Укажите номер телефона'),
          email: expect.stringContaining('Укажите адрес эл. почты'),
          turnoverValue: expect.stringContaining('неотрицательное число'),
          turnoverYear: 'Выберите год из списка',
          'contacts.0.lastName': 'Не длиннее 100 символов',
          'contacts.0.email': expect.stringContaining('Укажите адрес эл. почты'),
        },
      });
      expect(await testApp.dataSource.getRepository(Client).count()).toBe(count);
    });
  });

  describe('through the back-office API as a manager', () => {
    it('creates a card with «Создать», shows its status and history, and changes its status', async () => {
      const created = await manager.post('/admin/api/resources/Client/actions/new').type('form').send({
        companyName: 'ООО «Из панели»',
        source: 'Рекомендация',
        innEnabled: 'true',
        inn: '7830002293',
        'contacts.0.lastName': 'Смирнов',
        'contacts.0.phone': '+7 495 123-00-00',
        fullNameEnabled: 'true',
      });
      expect(created.body.notice).toEqual({ message: 'clientSaved', type: 'success' });
      const id = Number(created.body.record.id);
      expect(await card(id)).toMatchObject({ inn: '7830002293', departmentId, responsibleUserId: managerId });
      expect((await card(id)).contacts).toMatchObject([{ lastName: 'Смирнов', phone: '+74951230000' }]);

      const refused = await manager
        .post('/admin/api/resources/Client/actions/new')
        .type('form')
        .send({ companyName: 'Дубль', source: 'Звонок', innEnabled: 'true', inn: '7830002293' });
      expect(refused.body.notice.type).toBe('error');
      expect(refused.body.record.errors.inn.message).toContain('Клиент с ИНН 7830002293 уже есть');

      const show = await manager.get(`/admin/api/resources/Client/records/${id}/show`);
      const view = JSON.parse(show.body.record.params.clientCard as string) as {
        status: { stage: string; hint: string };
      };
      expect(view.status.stage).toBe('Новый');
      expect(view.status.hint).toContain('Свяжитесь с клиентом');

      const options = await manager.get(`/admin/api/resources/Client/records/${id}/changeStatus`);
      expect(options.body.statusOptions).toMatchObject({
        canPassStage: true,
        nextStage: 'Согласование условий сотрудничества',
      });
      const passed = await manager
        .post(`/admin/api/resources/Client/records/${id}/changeStatus`)
        .type('form')
        .send({ itemId: 'pass', remark: 'Отправили КП', expectedVersion: '1' });
      expect(passed.body.notice).toEqual({ message: 'clientStatusChanged', type: 'success' });
      const stale = await manager
        .post(`/admin/api/resources/Client/records/${id}/changeStatus`)
        .type('form')
        .send({ itemId: 'pass', expectedVersion: '1' });
      expect(stale.body.notice.message).toContain('уже изменил другой пользователь');

      const committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
      const forbidden = await committee.get(`/admin/api/resources/Client/records/${id}/show`);
      expect(forbidden.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    });
  });

  describe('edits and refusals found in review', () => {
    it('refuses an edit from a stale page and keeps dates and odd input harmless', async () => {
      const client = await clients.create(
        { companyName: 'ООО «Версии»', source: 'Звонок' },
        { id: managerId, departmentId },
      );
      const saved = await manager
        .post(`/admin/api/resources/Client/records/${client.id}/edit`)
        .type('form')
        .send({ companyName: 'ООО «Версии» 2', source: 'Звонок', version: '1' });
      expect(saved.body.notice).toEqual({ message: 'clientSaved', type: 'success' });
      const stale = await manager
        .post(`/admin/api/resources/Client/records/${client.id}/edit`)
        .type('form')
        .send({ companyName: 'ООО «Версии» 3', source: 'Звонок', version: '1' });
      expect(stale.body.notice.message).toContain('уже изменил другой пользователь');
      expect((await card(client.id)).companyName).toBe('ООО «Версии» 2');

      const history = testApp.app.get(HistoryService);
      const [{ id: typeId }] = await query<{ id: number }>(`SELECT id FROM history_event_type LIMIT 1`);
      await history.create(
        client.id,
        { typeId, comment: 'С\u0000имволом', eventDate: '2026-01-31' },
        { id: managerId },
      );
      const [event] = (await clients.card(client.id)).history;
      expect(event).toMatchObject({ eventDate: '2026-01-31', comment: 'Символом' });
      await expect(
        history.create(99_999_999_999, { typeId, comment: 'x' }, { id: managerId }),
      ).rejects.toMatchObject({
        code: 'history.invalid_fields',
        status: 422,
        fields: { clientId: 'Выберите клиента' },
      });
      const statuses = testApp.app.get(ClientStatusService);
      await statuses.deactivate(client.id, { reason: 'Причина\u0000' }, { id: managerId });
      expect((await card(client.id)).inactiveReason).toBe('Причина');
    });

    it('takes only an active administrator or manager as responsible, and keeps system events as written', async () => {
      const committee = await createUser(testApp.app, 'committee');
      await expect(
        clients.create(
          { companyName: 'ООО «Ответственный»', source: 'Звонок', responsibleUserId: String(committee.id) },
          { id: managerId, departmentId },
        ),
      ).rejects.toMatchObject({
        fields: { responsibleUserId: 'Выберите активного менеджера или администратора' },
      });
      const lead = await qualifyingLead({ name: 'Вера', company: 'ООО «Система»', phone: '+74950009988' });
      await leads.finishProcessing(
        lead.id,
        { summary: 'Итог', outcome: 'convert', clientChoice: 'new' },
        { id: managerId },
      );
      const [{ clientId }] = await query<{ clientId: number }>(
        'SELECT client_id AS "clientId" FROM lead WHERE id = $1',
        [lead.id],
      );
      const [event] = await query<{ id: number; typeId: number; comment: string; eventDate: string }>(
        `SELECT id, type_id AS "typeId", comment, event_date::text AS "eventDate" FROM history_event WHERE client_id = $1`,
        [clientId],
      );
      const history = testApp.app.get(HistoryService);
      await expect(
        history.update(
          event.id,
          { typeId: event.typeId, comment: 'Переписано', eventDate: event.eventDate },
          { id: managerId },
        ),
      ).rejects.toMatchObject({
        code: 'history.automatic_fixed',
        status: 422,
        message: expect.stringContaining('Событие записано системой'),
      });
      await expect(
        history.update(
          event.id,
          { typeId: event.typeId, comment: event.comment, eventDate: event.eventDate },
          { id: managerId },
        ),
      ).resolves.toMatchObject({ comment: event.comment });
    });

    it('keeps an administrator from moving a stage with clients to another pipeline, in Russian', async () => {
      const client = await clients.create(
        { companyName: 'ООО «Этап»', source: 'Звонок' },
        { id: managerId, departmentId },
      );
      const admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
      const [{ id: otherPipeline }] = await query<{ id: number }>(
        `SELECT id FROM pipeline WHERE code = 'sectors_1_2'`,
      );
      const refused = await admin
        .post(`/admin/api/resources/Stage/records/${client.stageId}/edit`)
        .type('form')
        .send({ pipelineId: String(otherPipeline) });
      expect(refused.body.notice.type).toBe('error');
      expect(JSON.stringify(refused.body.record.errors)).toContain('На этом этапе есть клиенты');
      const [stage] = await query<{ pipelineId: number }>(
        'SELECT pipeline_id AS "pipelineId" FROM stage WHERE id = $1',
        [client.stageId],
      );
      expect(stage.pipelineId).toBe(client.pipelineId);
      await expect(
        testApp.dataSource.query(`UPDATE stage SET kind = 'won' WHERE id = $1`, [client.stageId]),
      ).rejects.toThrow(/is in use/);
    });
  });
});
