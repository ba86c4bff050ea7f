import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';

import { ClientService } from '../../../src/modules/client/client.service.js';
import type { ImportKind, MappedRow } from '../../../src/modules/import/import-contract.js';
import type {
  CreatedRecord,
  ImportContext,
  LineOutcome,
  ValueMapping,
} from '../../../src/modules/import/import-run-contract.js';
import { ImportLinesService } from '../../../src/modules/import/lines/import-lines.service.js';
import { LeadService } from '../../../src/modules/lead/lead.service.js';
import { PipelineService } from '../../../src/modules/pipeline/pipeline.service.js';
import { SmtpCatcher } from '../../helpers/smtp-catcher.js';
import { startServices, type TestServices } from '../../helpers/test-services.js';
import { createUser } from '../../helpers/users.js';
import { freePort } from '../../setup/test-server.js';

/** A refused row: the caller's savepoint drops what it wrote (here: the row's own transaction). */
class Refused extends Error {
  constructor(readonly outcome: LineOutcome) {
    super('refused');
  }
}

describe('import line writers', () => {
  let testApp: TestServices;
  let smtp: SmtpCatcher;
  let lines: ImportLinesService;
  let manager: { id: number };
  let departmentId: number;
  let otherDepartmentId: number;
  let jobs = 0;

  const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<T[]>;

  const context = (kind: ImportKind, options: Partial<ImportContext> = {}): ImportContext => ({
    jobId: (jobs += 1),
    kind,
    fileName: `${kind}.csv`,
    fromBitrix: true,
    policy: 'skip',
    actorId: manager.id,
    departmentId,
    values: {},
    ...options,
  });

  const row = (line: number, values: Record<string, string | string[]>): MappedRow => ({
    line,
    values: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, Array.isArray(value) ? value : [value]]),
    ),
  });

  /** Writes one row as the import does: in a savepoint that a refusal rolls back. */
  async function write(job: ImportContext, mapped: MappedRow): Promise<LineOutcome> {
    try {
      return await testApp.dataSource.transaction(async (entityManager: EntityManager) => {
        const outcome = await lines.writer(job.kind).write(entityManager, job, mapped);
        if (outcome.result === 'refused') throw new Refused(outcome);
        return outcome;
      });
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      throw error;
    }
  }

  const count = async (table: string) =>
    Number((await query<{ count: string }>(`SELECT count(*) AS count FROM ${table}`))[0].count);

  beforeAll(async () => {
    smtp = new SmtpCatcher(await freePort());
    await smtp.start();
    testApp = await startServices({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFICATION_POLL_MS: '50' });
    lines = new ImportLinesService(testApp.app.get(LeadService), testApp.app.get(PipelineService));
    [{ departmentId }] = await query<{ departmentId: number }>(
      'SELECT department_id AS "departmentId" FROM object_type ORDER BY id LIMIT 1',
    );
    [{ id: otherDepartmentId }] = await query<{ id: number }>(
      'SELECT id FROM department WHERE id <> $1 LIMIT 1',
      [departmentId],
    );
    await query(`UPDATE department SET manager_emails = ARRAY['sales-' || id || '@kosino.test']`);
    manager = await createUser(testApp.app, 'manager', { departmentId, fullName: 'Петрова Анна Сергеевна' });
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
    await smtp?.stop();
  });

  describe('companies', () => {
    it('makes a card with the normalised phone, the INN and an import event, and skips it on a re-run', async () => {
      const job = context('company');
      const company = row(2, {
        bitrixId: '501',
        companyName: 'ООО «Альфа-Логистик»',
        inn: '7707083893',
        phone: ['8 (495) 123-45-67', '+7 916 000-11-22'],
        email: 'Info@Alfa.RU',
        address: 'Москва, ул. Складская, 1',
        comment: 'Крупный клиент',
      });
      const created = await write(job, company);
      expect(created).toMatchObject({ result: 'created', entity: 'client' });
      const id = (created as { id: number }).id;
      const [card] = await query(
        `SELECT phone, email, inn, inn_enabled AS "innEnabled", bitrix_id AS "bitrixId", source, contacts, address
         FROM client WHERE id = $1`,
        [id],
      );
      expect(card).toMatchObject({
        phone: '+74951234567',
        email: 'info@alfa.ru',
        inn: '7707083893',
        innEnabled: true,
        bitrixId: '501',
        source: 'Битрикс24',
        address: 'Москва, ул. Складская, 1',
      });
      expect(card.contacts).toEqual([expect.objectContaining({ phone: '+79160001122' })]);
      const events = await query<{ comment: string }>(
        'SELECT comment FROM history_event WHERE client_id = $1',
        [id],
      );
      expect(events.map((event) => event.comment)).toEqual([
        'Импортирован из Битрикс24 (файл «company.csv», строка 2).\nКомментарий: Крупный клиент',
      ]);

      const again = await write(context('company', { policy: 'create' }), company);
      expect(again).toMatchObject({
        result: 'skipped',
        id,
        duplicates: [expect.objectContaining({ why: 'тот же ID в Битрикс24' })],
      });
    });

    it('refuses a wrong INN with its reason and writes nothing', async () => {
      const before = await count('client');
      const outcome = await write(context('company'), row(88, { companyName: 'Бета', inn: '7707083894' }));
      expect(outcome).toEqual({
        result: 'refused',
        reason: 'ИНН «7707083894»: неверный ИНН: не сходятся контрольные цифры',
      });
      expect(await count('client')).toBe(before);
    });

    it('skips, fills or creates a look-alike by the policy, never a second card with one INN', async () => {
      const first = await write(
        context('company'),
        row(2, { companyName: 'Гамма Трейд', phone: '+7 495 777-00-01' }),
      );
      const id = (first as { id: number }).id;
      const lookalike = row(3, {
        companyName: 'Гамма-Трейд',
        phone: '84957770001',
        email: 'gamma@trade.ru',
        inn: '500100732259',
      });

      const skipped = await write(context('company', { policy: 'skip' }), lookalike);
      expect(skipped).toMatchObject({ result: 'skipped', id });
      expect((skipped as { duplicates: { why: string }[] }).duplicates[0].why).toContain('тот же телефон');

      const filled = await write(context('company', { policy: 'fill_empty' }), lookalike);
      expect(filled).toMatchObject({ result: 'updated', id, fields: ['ИНН', 'Почта'] });
      const [card] = await query('SELECT email, inn FROM client WHERE id = $1', [id]);
      expect(card).toEqual({ email: 'gamma@trade.ru', inn: '500100732259' });

      const sameInn = await write(context('company', { policy: 'create' }), lookalike);
      expect(sameInn).toMatchObject({ result: 'skipped', id });
      const another = await write(
        context('company', { policy: 'create' }),
        row(4, { companyName: 'Гамма Трейд', phone: '+7 495 777-00-01' }),
      );
      expect(another).toMatchObject({ result: 'created' });
      expect((another as { id: number }).id).not.toBe(id);
    });

    it('gives the record to the mapped user and refuses a department the manager may not change', async () => {
      const values: ValueMapping = {
        responsible: {
          'Анна Петрова': `user:${manager.id}`,
          'Чужой отдел': `department:${otherDepartmentId}`,
        },
      };
      const mine = await write(
        context('company', { values }),
        row(2, { companyName: 'Дельта Плюс', responsible: 'анна  петрова' }),
      );
      const [card] = await query('SELECT responsible_user_id AS "userId" FROM client WHERE id = $1', [
        (mine as { id: number }).id,
      ]);
      expect(card.userId).toBe(manager.id);
      const foreign = await write(
        context('company', { values }),
        row(3, { companyName: 'Эпсилон Групп', responsible: 'Чужой отдел' }),
      );
      expect(foreign).toMatchObject({ result: 'refused' });
      expect((foreign as { reason: string }).reason).toContain(
        'вы можете менять записи только своего отдела',
      );
    });
  });

  describe('contacts and deals', () => {
    let companyId: number;
    beforeAll(async () => {
      const made = await write(context('company'), row(2, { bitrixId: '900', companyName: 'Зета Склад' }));
      companyId = (made as { id: number }).id;
    });

    it('adds a contact person to the card of its company’s Bitrix24 ID, once', async () => {
      const contact = row(5, {
        bitrixId: 'c-1',
        lastName: 'Сидоров',
        firstName: 'Пётр',
        position: 'Директор',
        phone: '+7 903 111-22-33',
        companyBitrixId: '900',
      });
      expect(await write(context('contact'), contact)).toMatchObject({
        result: 'created',
        entity: 'contact',
        id: companyId,
      });
      expect(await write(context('contact'), contact)).toMatchObject({ result: 'skipped', id: companyId });
      const [card] = await query<{ contacts: Record<string, unknown>[] }>(
        'SELECT contacts FROM client WHERE id = $1',
        [companyId],
      );
      expect(card.contacts).toEqual([
        expect.objectContaining({
          lastName: 'Сидоров',
          firstName: 'Пётр',
          phone: '+79031112233',
          bitrixId: 'c-1',
        }),
      ]);
    });

    it('refuses a contact whose company is not here', async () => {
      const outcome = await write(
        context('contact'),
        row(6, { lastName: 'Орлов', companyName: 'Нет Такой' }),
      );
      expect(outcome).toEqual({
        result: 'refused',
        reason: 'Сначала импортируйте компании: компания «Нет Такой» контакта «Орлов» не найдена',
      });
    });

    it('makes a draft deal without lines on the card, its title, stage and sum in the history', async () => {
      const job = context('deal', { values: { stage: { 'Сделка успешна': 'closed' } } });
      const deal = row(7, {
        bitrixId: 'd-1',
        title: 'Аренда склада',
        stage: 'Сделка успешна',
        amount: '1 500 000,50',
        companyName: 'Зета склад',
      });
      const outcome = await write(job, deal);
      expect(outcome).toMatchObject({ result: 'created', entity: 'deal' });
      const dealId = (outcome as { id: number }).id;
      const [saved] = await query(
        'SELECT client_id AS "clientId", status::text AS status, total FROM deal WHERE id = $1',
        [dealId],
      );
      expect(saved).toEqual({ clientId: companyId, status: 'draft', total: '0.00' });
      const [event] = await query<{ comment: string }>(
        `SELECT comment FROM history_event WHERE client_id = $1 AND comment LIKE 'Сделка №%'`,
        [companyId],
      );
      expect(event.comment).toContain(
        '«Аренда склада»: импортирован из Битрикс24 (файл «deal.csv», строка 7)',
      );
      expect(event.comment).toContain('Стадия: Сделка успешна (Завершена)');
      expect(event.comment).toMatch(/Сумма: 1\s500\s000,50\s₽/);
      expect(await write(job, deal)).toMatchObject({ result: 'skipped', id: dealId });
    });

    it('refuses a deal whose company is not here', async () => {
      const outcome = await write(context('deal'), row(8, { title: 'Хранение', companyName: 'Омега' }));
      expect(outcome).toEqual({
        result: 'refused',
        reason: 'Сначала импортируйте компании: компания «Омега» не найдена',
      });
    });
  });

  describe('leads', () => {
    it('imports a lead with its mapped status and mails nobody, while a lead made by hand is mailed', async () => {
      const values: ValueMapping = {
        status: { 'Качественный лид': 'processed:convert', 'В работе': 'qualifying' },
      };
      const processed = await write(
        context('lead', { values }),
        row(5, {
          bitrixId: 'l-1',
          title: 'Заявка с сайта',
          firstName: 'Ольга',
          lastName: 'Ким',
          phone: '+7 999 000-00-01',
          status: 'Качественный лид',
          createdAt: '05.12.2025 14:02:00',
        }),
      );
      const working = await write(
        context('lead', { values }),
        row(6, { firstName: 'Игорь', phone: '+7 999 000-00-02', status: 'В работе' }),
      );
      const unmapped = await write(
        context('lead', { values }),
        row(7, { firstName: 'Вера', email: 'vera@example.ru', status: 'Что-то своё' }),
      );
      const ids = [processed, working, unmapped].map((outcome) => (outcome as { id: number }).id);
      const leads = await query(
        `SELECT status::text AS status, outcome::text AS outcome, summary, due_at AS "dueAt", name,
                submitted_at AS "submittedAt", bitrix_id AS "bitrixId"
         FROM lead WHERE id = ANY($1) ORDER BY id`,
        [ids],
      );
      expect(leads).toEqual([
        expect.objectContaining({
          status: 'processed',
          outcome: 'convert',
          summary: 'Импортирован из Битрикс24 (файл «lead.csv», строка 5)',
          name: 'Ким Ольга',
          bitrixId: 'l-1',
          submittedAt: new Date('2025-12-05T11:02:00Z'),
        }),
        expect.objectContaining({ status: 'qualifying', dueAt: null }),
        expect.objectContaining({ status: 'draft', outcome: null }),
      ]);

      const [{ objectTypeId }] = await query<{ objectTypeId: number }>(
        'SELECT id AS "objectTypeId" FROM object_type WHERE department_id = $1 LIMIT 1',
        [departmentId],
      );
      await testApp.app
        .get(LeadService)
        .create(
          { name: 'Контрольный Звонок', phone: '+7 999 000-00-09', objectTypeId },
          { source: 'manual', draft: false, actor: manager },
        );
      const control = await smtp.waitForMatch((mail) => String(mail.text).includes('Контрольный Звонок'));
      expect(control.subject).toBeTruthy();
      expect(smtp.messages.filter((mail) => /Ким Ольга|Игорь|Вера/.test(String(mail.text)))).toEqual([]);
      expect(await query('SELECT id FROM notification WHERE lead_id = ANY($1)', [ids])).toEqual([]);
    });

    it('skips a lead of the same Bitrix24 ID', async () => {
      const lead = row(9, { bitrixId: 'l-2', firstName: 'Анна', phone: '+7 999 000-00-03' });
      const created = await write(context('lead'), lead);
      expect(await write(context('lead'), lead)).toMatchObject({
        result: 'skipped',
        id: (created as { id: number }).id,
      });
    });
  });

  describe('value choices', () => {
    it('suggests a user by the full name in any order or by e-mail, and Bitrix24 stages', async () => {
      const options = await lines.valueOptions(testApp.dataSource.manager, 'company', 'responsible');
      const key = `user:${manager.id}`;
      const [{ email }] = await query<{ email: string }>('SELECT email FROM app_user WHERE id = $1', [
        manager.id,
      ]);
      expect(lines.suggestChoice('company', 'responsible', 'Анна Сергеевна Петрова', options)).toBe(key);
      expect(lines.suggestChoice('company', 'responsible', email.toUpperCase(), options)).toBe(key);
      expect(lines.suggestChoice('company', 'responsible', 'Никто Неизвестный', options)).toBeNull();
      const statuses = await lines.valueOptions(testApp.dataSource.manager, 'lead', 'status');
      expect(lines.suggestChoice('lead', 'status', 'Некачественный лид', statuses)).toBe(
        'processed:inactive',
      );
      const stages = await lines.valueOptions(testApp.dataSource.manager, 'deal', 'stage');
      expect(lines.suggestChoice('deal', 'stage', 'C1:WON', stages)).toBe('closed');
    });
  });

  describe('undo', () => {
    it('removes what nobody changed and keeps an edited card, saying why', async () => {
      const job = context('company');
      const records: CreatedRecord[] = [];
      for (const [line, name] of [
        [2, 'Каппа Первая'],
        [3, 'Лямбда Вторая'],
      ] as const) {
        const outcome = await write(job, row(line, { companyName: name }));
        records.push({ entity: 'client', id: (outcome as { id: number }).id, line });
      }
      const until = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await testApp.app
        .get(ClientService)
        .update(records[1].id, { companyName: 'Лямбда Вторая (правка)', source: 'Битрикс24' }, manager);
      const report = await testApp.dataSource.transaction((entityManager) =>
        lines.remove(entityManager, job, records, until),
      );
      expect(report.removed).toBe(1);
      expect(report.kept).toEqual([
        expect.objectContaining({ entity: 'client', id: records[1].id, name: 'Лямбда Вторая (правка)' }),
      ]);
      expect(report.kept[0].why).toMatch(/^изменена после импорта: \d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
      expect(
        await query('SELECT id FROM client WHERE id = ANY($1)', [records.map((record) => record.id)]),
      ).toEqual([{ id: records[1].id }]);
    });

    it('removes an unchanged deal, contact person and lead with their import events', async () => {
      const made = await write(context('company'), row(2, { bitrixId: '950', companyName: 'Мю Терминал' }));
      const cardId = (made as { id: number }).id;
      const contactJob = context('contact');
      const contact = await write(contactJob, row(4, { lastName: 'Лебедев', companyBitrixId: '950' }));
      const dealJob = context('deal');
      const deal = await write(dealJob, row(5, { title: 'Ответхранение', companyBitrixId: '950' }));
      const leadJob = context('lead');
      const lead = await write(leadJob, row(6, { firstName: 'Денис', phone: '+7 999 000-00-07' }));
      const until = new Date();
      const undo = (job: ImportContext, outcome: LineOutcome, line: number) =>
        testApp.dataSource.transaction((entityManager) =>
          lines.remove(
            entityManager,
            job,
            [{ entity: (outcome as { entity: 'deal' }).entity, id: (outcome as { id: number }).id, line }],
            until,
          ),
        );
      expect(await undo(dealJob, deal, 5)).toEqual({ removed: 1, kept: [] });
      expect(await undo(contactJob, contact, 4)).toEqual({ removed: 1, kept: [] });
      expect(await undo(leadJob, lead, 6)).toEqual({ removed: 1, kept: [] });
      const [card] = await query<{ contacts: unknown[] }>('SELECT contacts FROM client WHERE id = $1', [
        cardId,
      ]);
      expect(card.contacts).toEqual([]);
      const events = await query<{ comment: string }>(
        'SELECT comment FROM history_event WHERE client_id = $1',
        [cardId],
      );
      expect(events.map((event) => event.comment)).toEqual([
        'Импортирован из Битрикс24 (файл «company.csv», строка 2).',
      ]);
      expect(await query('SELECT id FROM deal WHERE id = $1', [(deal as { id: number }).id])).toEqual([]);
      expect(await query('SELECT id FROM lead WHERE id = $1', [(lead as { id: number }).id])).toEqual([]);
    });
  });
});
