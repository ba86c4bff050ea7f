import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';

import { Lead } from '../../../src/modules/lead/entities/lead.entity.js';
import { LeadTransitionError } from '../../../src/modules/lead/lead-transitions.js';
import { LeadService, moscowToday } from '../../../src/modules/lead/lead.service.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('lead lifecycle (service)', () => {
  let testApp: TestApp;
  let leads: LeadService;
  let manager: { id: number };
  let otherManager: { id: number };
  let objectTypeId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    leads = testApp.app.get(LeadService);
    await testApp.dataSource.query(
      `UPDATE department SET manager_emails = '{ved.manager@kosino.test}' WHERE name = 'Департамент ВЭД'`,
    );
    // Managers of the department the leads go to («Таможня» is ВЭД's): they change only its leads.
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Департамент ВЭД'`,
    )) as { id: number }[];
    manager = await createUser(testApp.app, 'manager', { departmentId });
    otherManager = await createUser(testApp.app, 'manager', { departmentId });
    [{ id: objectTypeId }] = (await testApp.dataSource.query(
      `SELECT id FROM object_type WHERE name = 'Таможня'`,
    )) as {
      id: number;
    }[];
  });
  afterAll(async () => {
    await testApp.close();
  });

  async function draft(): Promise<Lead> {
    return leads.create(
      { name: 'Иван', company: 'ООО Экор', phone: '+74952302772', email: 'ivan@ekor.test', objectTypeId },
      { source: 'manual', draft: true, actor: manager },
    );
  }

  const history = async (leadId: number) =>
    (await testApp.dataSource.query(
      `SELECT from_status::text AS "from", to_status::text AS "to", user_id AS "userId"
       FROM lead_status_change WHERE lead_id = $1 ORDER BY id`,
      [leadId],
    )) as { from: string; to: string; userId: number | null }[];

  it('takes a lead through draft → new → qualifying → processed, recording each move', async () => {
    const lead = await draft();
    const submitted = await leads.submit(lead.id, manager);
    expect(submitted).toMatchObject({ status: 'new', version: 2 });
    expect(submitted.submittedAt).toBeInstanceOf(Date);

    const taken = await leads.takeIntoWork(lead.id, { primaryResult: '  Нужен склад 500 м²  ' }, manager);
    expect(taken).toMatchObject({
      status: 'qualifying',
      primaryResult: 'Нужен склад 500 м²',
      primaryResultDate: moscowToday(),
      responsibleUserId: manager.id,
    });

    const processed = await leads.finishProcessing(
      lead.id,
      { summary: 'Готов подписать LOI', processedOn: '2026-01-15', outcome: 'convert' },
      manager,
    );
    expect(processed).toMatchObject({ status: 'processed', summaryDate: '2026-01-15', outcome: 'convert' });
    expect(await history(lead.id)).toEqual([
      { from: null, to: 'draft', userId: manager.id },
      { from: 'draft', to: 'new', userId: manager.id },
      { from: 'new', to: 'qualifying', userId: manager.id },
      { from: 'qualifying', to: 'processed', userId: manager.id },
    ]);
    // The figures of processed leads read «processed since» from the lead: the same moment as the
    // history's change (lead-figures.ts relies on it).
    const [moments] = (await testApp.dataSource.query(
      `SELECT l.status_since = c.changed_at AS same FROM lead l
       JOIN lead_status_change c ON c.lead_id = l.id AND c.to_status = 'processed' WHERE l.id = $1`,
      [lead.id],
    )) as { same: boolean }[];
    expect(moments).toEqual({ same: true });
  });

  it('writes the mail as an .eml file when no SMTP server is configured', async () => {
    const lead = await draft();
    await leads.submit(lead.id, manager);
    const [{ messageId }] = (await testApp.dataSource.query(
      `SELECT message_id AS "messageId" FROM notification WHERE lead_id = $1`,
      [lead.id],
    )) as { messageId: string }[];
    const fileTag = messageId.replace(/[^\w.-]/g, '');
    const deadline = Date.now() + 10_000;
    let files: string[] = [];
    while (files.length === 0 && Date.now() < deadline) {
      const all = await readdir(testApp.config.mail.directory).catch(() => [] as string[]);
      files = all.filter((file) => file.endsWith(`${fileTag}.eml`));
      if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(files).toHaveLength(1);
    const mail = await simpleParser(await readFile(path.join(testApp.config.mail.directory, files[0])));
    expect(mail.subject).toBe('Сформирован новый «лид»');
    expect(mail.messageId).toBe(messageId);
    expect(mail.text).toContain('Компания: ООО Экор');
  });

  it('refuses a move from the wrong status and changes nothing', async () => {
    const lead = await draft();
    await expect(leads.takeIntoWork(lead.id, { primaryResult: 'x' }, manager)).rejects.toThrow(
      LeadTransitionError,
    );
    await expect(leads.takeIntoWork(lead.id, { primaryResult: 'x' }, manager)).rejects.toMatchObject({
      code: 'lead.transition_not_allowed',
      status: 409,
    });
    await expect(
      leads.finishProcessing(lead.id, { summary: 'x', outcome: 'inactive' }, manager),
    ).rejects.toThrow('лид в статусе «Формирование запроса»');
    const after = await testApp.dataSource.getRepository(Lead).findOneByOrFail({ id: lead.id });
    expect(after).toMatchObject({ status: 'draft', version: 1, primaryResult: null, summary: null });
    expect(await history(lead.id)).toEqual([{ from: null, to: 'draft', userId: manager.id }]);
  });

  it('requires the fields of each move, with Russian messages per field', async () => {
    const lead = await draft();
    await leads.submit(lead.id, manager);
    await expect(leads.takeIntoWork(lead.id, { primaryResult: '   ' }, manager)).rejects.toMatchObject({
      code: 'lead.field_required',
      status: 422,
      fields: { primaryResult: 'Заполните поле «Результат первичной обработки»' },
    });
    await expect(
      leads.takeIntoWork(lead.id, { primaryResult: 'ok', processedOn: '2026-02-30' }, manager),
    ).rejects.toMatchObject({
      code: 'date.invalid',
      fields: { processedOn: 'Укажите дату в формате ДД.ММ.ГГГГ' },
    });
    await expect(
      leads.takeIntoWork(lead.id, { primaryResult: 'ok', processedOn: '2999-01-01' }, manager),
    ).rejects.toMatchObject({
      code: 'date.in_future',
      fields: { processedOn: 'Дата обработки не может быть в будущем' },
    });
    await leads.takeIntoWork(lead.id, { primaryResult: 'ok' }, manager);
    await expect(
      leads.finishProcessing(lead.id, { summary: 'ok', outcome: 'maybe' as never }, manager),
    ).rejects.toMatchObject({
      code: 'lead.outcome_required',
      fields: { outcome: 'Выберите «Не активен» или «Преобразовать в клиента»' },
    });
    const after = await testApp.dataSource.getRepository(Lead).findOneByOrFail({ id: lead.id });
    expect(after).toMatchObject({ status: 'qualifying', summary: null, outcome: null });
  });

  it('lets one of two managers acting on the same version win; the other gets a conflict', async () => {
    const lead = await draft();
    const { version } = await leads.submit(lead.id, manager);
    const results = await Promise.allSettled([
      leads.takeIntoWork(lead.id, { primaryResult: 'Первый', expectedVersion: version }, manager),
      leads.takeIntoWork(lead.id, { primaryResult: 'Второй', expectedVersion: version }, otherManager),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'lead.version_conflict', status: 409 });
    expect(await history(lead.id)).toHaveLength(3);
  });

  it('is backed by the database: a processed lead without «Итог» cannot be written at all', async () => {
    const lead = await draft();
    await expect(
      testApp.dataSource.query(`UPDATE lead SET status = 'processed', submitted_at = now() WHERE id = $1`, [
        lead.id,
      ]),
    ).rejects.toThrow(/lead_primary_result_required|lead_summary_required/);
  });
});
