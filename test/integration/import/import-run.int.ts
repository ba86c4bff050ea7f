import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import type { DomainError } from '../../../src/common/domain-error.js';
import { IMPORT_LINES, type ImportJobView } from '../../../src/modules/import/import-run-contract.js';
import { ImportWorker } from '../../../src/modules/import/import-worker.js';
import { ImportService } from '../../../src/modules/import/import.service.js';
import { startServices, type TestServices } from '../../helpers/test-services.js';
import { createUser } from '../../helpers/users.js';
import { ImportLinesDouble } from './import-lines-double.js';

const FIXTURES = path.resolve('test/fixtures/import');
const ROWS = 1200;

/** A lead file of `rows` rows; titles with «ОШИБКА» are refused (every 100th row, from the 7th). */
function leadsCsv(prefix: string, rows = ROWS): string {
  const lines = ['ID;Название лида;Рабочий телефон;Стадия;Ответственный'];
  for (let index = 1; index <= rows; index += 1) {
    const title = `Лид ${index}${index % 100 === 7 ? ' ОШИБКА' : ''}${index === 3 ? ' ДУБЛЬ' : ''}`;
    const stage = index % 2 === 0 ? 'Не обработан' : 'В работе';
    lines.push(
      `${prefix}${index};${title};+7 495 000-${String(index).padStart(4, '0')};${stage};Мария Ковалёва`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}
const REFUSED = Array.from({ length: ROWS }, (_, index) => index + 1).filter(
  (index) => index % 100 === 7,
).length;

// The run of an import (ImportService, ImportWorker) over a double of the writers per kind.
describe('import run', () => {
  let services: TestServices;
  let imports: ImportService;
  let worker: ImportWorker;
  const lines = new ImportLinesDouble();
  let temporary: string;
  let admin: { id: number };
  let otherAdmin: { id: number };
  let manager: { id: number };
  let committee: { id: number };
  let departments: number[];

  beforeAll(async () => {
    services = await startServices({}, [{ provide: IMPORT_LINES, useValue: lines }]);
    imports = services.app.get(ImportService);
    worker = services.app.get(ImportWorker);
    await ImportLinesDouble.createTable(services.dataSource.manager);
    temporary = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-import-test-'));
    departments = (
      await services.dataSource.query<{ id: number }[]>(
        `INSERT INTO department (name) VALUES ('Импорт: отдел аренды'), ('Импорт: отдел продаж') RETURNING id`,
      )
    ).map((row) => row.id);
    admin = await createUser(services.app, 'admin');
    otherAdmin = await createUser(services.app, 'admin');
    manager = await createUser(services.app, 'manager', { departmentId: departments[0] });
    committee = await createUser(services.app, 'committee');
  });
  afterAll(async () => {
    await services?.close();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  });

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    services.dataSource.query(sql, parameters) as Promise<T[]>;
  const count = async (table: string, where = 'true', parameters: unknown[] = []) =>
    (
      await query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table} WHERE ${where}`, parameters)
    )[0].count;
  /** A file as the HTTP layer leaves it: a temporary file the service moves. */
  const uploaded = async (name: string, content: string | { fixture: string }) => {
    const file = path.join(temporary, `${Math.random().toString(36).slice(2)}-${name}`);
    if (typeof content === 'string') await writeFile(file, content);
    else await copyFile(path.join(FIXTURES, content.fixture), file);
    return { path: file, name, size: 0 };
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    )) as DomainError | undefined;
    if (!error) throw new Error('expected a refusal');
    return { code: error.code, status: error.status, message: error.message };
  };
  const storedFiles = async () =>
    readdir(path.join(services.config.uploads.directory, 'imports')).catch(() => []);
  const imported = async (prefix: string) => {
    const job = await imports.upload(admin, await uploaded('leads.csv', leadsCsv(prefix)));
    await imports.start(admin, job.id);
    expect(await worker.runNext()).toBe(true);
    return imports.view(admin, job.id);
  };

  it('stores an upload and shows what was read, the mapping and the values to map', async () => {
    const view = await imports.upload(
      admin,
      await uploaded('leads.csv', { fixture: 'leads-bitrix24-cp1251.csv' }),
    );

    expect(view).toMatchObject({
      fileName: 'leads.csv',
      status: 'uploaded',
      statusLabel: 'Загружен',
      kind: 'lead',
      policy: 'skip',
      departmentId: null,
      check: null,
      result: null,
      undo: null,
      failure: null,
      can: { configure: true, check: true, start: true, cancel: false, undo: false, errors: false },
    });
    expect(view.detectedText).toContain('Windows-1251');
    expect(view.totalRows).toBeGreaterThan(0);
    expect(view.preview).toHaveLength(Math.min(view.totalRows, 20));
    expect(view.headers[view.mapping.indexOf('title')]).toBe('Название лида');
    const status = view.values.find((field) => field.field === 'status');
    expect(status?.options.map((option) => option.key)).toEqual(['new', 'qualifying']);
    expect(status?.items).toContainEqual(expect.objectContaining({ value: 'Не обработан', choice: 'new' }));
    expect(view.kinds.map((kind) => kind.label)).toEqual(['Лиды', 'Компании', 'Контакты', 'Сделки']);
    expect(await imports.list(admin)).toContainEqual(expect.objectContaining({ id: view.id }));
    expect(await storedFiles()).toHaveLength(1);
  });

  it('refuses a file it cannot read and keeps nothing of it', async () => {
    const jobs = await count('import_job');
    const files = await storedFiles();
    const file = await uploaded('empty.csv', { fixture: 'empty.csv' });

    expect(await refusal(imports.upload(admin, file))).toMatchObject({
      code: 'import.empty_file',
      status: 422,
    });
    expect(await count('import_job')).toBe(jobs);
    expect(await storedFiles()).toEqual(files);
  });

  it('refuses a mapping that does not fit and reads the values again when their columns change', async () => {
    const job = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('cfg-', 30)));

    expect(await refusal(imports.configure(admin, job.id, { mapping: [null] }))).toMatchObject({
      code: 'import.mapping_columns',
      status: 422,
    });
    const withoutPhone = job.mapping.map((key) => (key === 'phone' ? null : key));
    expect(await refusal(imports.configure(admin, job.id, { mapping: withoutPhone }))).toMatchObject({
      code: 'import.mapping_required_missing',
    });
    expect(
      await refusal(imports.configure(admin, job.id, { values: { status: { 'В работе': 'won' } } })),
    ).toMatchObject({ code: 'import.value_unknown_choice', status: 422 });
    expect((await imports.view(admin, job.id)).mapping).toEqual(job.mapping);

    const withoutResponsible = job.mapping.map((key) => (key === 'responsible' ? null : key));
    const changed = await imports.configure(admin, job.id, {
      mapping: withoutResponsible,
      policy: 'fill_empty',
      departmentId: departments[1],
      values: { status: { 'В работе': null } },
    });
    expect(changed.values.map((field) => field.field)).toEqual(['status']);
    expect(changed.values[0].items).toContainEqual({ value: 'В работе', rows: 15, choice: null });
    expect(changed).toMatchObject({ policy: 'fill_empty', departmentId: departments[1] });
    // An administrator chooses among every department; a manager's list is empty (their own).
    expect(changed.departments.map((department) => Number(department.key))).toEqual(
      expect.arrayContaining(departments),
    );

    const saved = await imports.saveMapping(admin, job.id, '  Битрикс24 — лиды ');
    expect(saved).toMatchObject({ name: 'Битрикс24 — лиды', kind: 'lead' });
    expect(saved.columns).toEqual({
      ID: 'bitrixId',
      'Название лида': 'title',
      'Рабочий телефон': 'phone',
      Стадия: 'status',
    });
    expect(await imports.mappings(admin, 'lead')).toEqual([saved]);
    expect(await imports.mappings(otherAdmin, 'lead')).toEqual([]);
  });

  it('checks the whole file in a transaction it rolls back: a report, nothing written', async () => {
    const before = await Promise.all(
      ['lead', 'client', 'deal', 'import_double_record'].map((table) => count(table)),
    );
    const job = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('check-')));

    const queued = await imports.check(admin, job.id);
    expect(queued).toMatchObject({ status: 'checking', statusLabel: 'Проверяется' });
    expect(queued.can).toMatchObject({ configure: false, check: false, start: false });
    expect(await worker.runNext()).toBe(true);

    const checked = await imports.view(admin, job.id);
    expect(checked.status).toBe('checked');
    expect(checked.check).toMatchObject({
      created: ROWS - REFUSED,
      refused: REFUSED,
      skipped: 0,
      updated: 0,
    });
    expect(checked.check?.errors[0]).toEqual({
      line: 8,
      text: 'Неверная контрольная цифра ИНН',
      duplicates: [],
    });
    expect(checked.check?.duplicates).toEqual([
      expect.objectContaining({ line: 4, text: expect.stringContaining('№1 «Первый лид» — тот же телефон') }),
    ]);
    expect(checked.progress).toEqual({ done: ROWS, total: ROWS });
    expect(
      await Promise.all(['lead', 'client', 'deal', 'import_double_record'].map((table) => count(table))),
    ).toEqual(before);
    expect(await count('import_row', 'job_id = $1', [job.id])).toBe(0);
  });

  let first: ImportJobView;

  it('imports in batches with a ledger line per row, and lists the refused rows in an errors file', async () => {
    first = await imported('run-');

    expect(first).toMatchObject({
      status: 'done',
      statusLabel: 'Готово',
      progress: { done: ROWS, total: ROWS },
    });
    expect(first.result).toMatchObject({ created: ROWS - REFUSED, refused: REFUSED });
    expect(first.can).toMatchObject({ undo: true, errors: true, start: false, cancel: false });
    expect(await count('import_double_record', 'job_id = $1', [first.id])).toBe(ROWS - REFUSED);
    expect(await count('import_row', 'job_id = $1', [first.id])).toBe(ROWS);

    const errors = await imports.errorsFile(admin, first.id);
    expect(errors.fileName).toMatch(/^Ошибки импорта — leads\.csv — \d\d\.\d\d\.\d{4}\.xlsx$/);
    const out = new PassThrough();
    const [content] = await Promise.all([buffer(out), errors.write(out)]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'ID',
      'Название лида',
      'Рабочий телефон',
      'Стадия',
      'Ответственный',
      'Причина',
    ]);
    expect(sheet.rowCount).toBe(1 + REFUSED);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'run-7',
      'Лид 7 ОШИБКА',
      '+7 495 000-0007',
      'В работе',
      'Мария Ковалёва',
      'Неверная контрольная цифра ИНН',
    ]);
  });

  it('creates nothing when the same file is imported again', async () => {
    const records = await count('import_double_record');

    const again = await imported('run-');

    expect(again.result).toMatchObject({ created: 0, skipped: ROWS - REFUSED, refused: REFUSED });
    expect(await count('import_double_record')).toBe(records);
  });

  it('continues a run whose instance died after the last line of its ledger', async () => {
    const job = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('resume-')));
    await imports.start(admin, job.id);
    lines.hook = (line) => {
      if (line !== 700) return Promise.resolve();
      lines.hook = undefined;
      return Promise.reject(new Error('the instance died'));
    };
    expect(await worker.runNext()).toBe(true);
    const failed = await imports.view(admin, job.id);
    expect(failed).toMatchObject({ status: 'failed', statusLabel: 'Не удалось', can: { start: true } });
    expect(failed.failure).toContain('на строке 700');
    expect(await count('import_row', 'job_id = $1', [job.id])).toBe(500);

    // As if the run had died mid-way without a word: still «running», its heartbeat fresh…
    await query(
      `UPDATE import_job SET status = 'running', claim = gen_random_uuid(), heartbeat_at = now() WHERE id = $1`,
      [job.id],
    );
    expect(await worker.runNext()).toBe(false);
    // …then silent for longer than a run is allowed to be.
    await query(`UPDATE import_job SET heartbeat_at = now() - interval '3 minutes' WHERE id = $1`, [job.id]);
    const written = lines.written.length;
    expect(await worker.runNext()).toBe(true);

    const done = await imports.view(admin, job.id);
    expect(done.status).toBe('done');
    expect(lines.written.slice(written)[0]).toBe(502);
    expect(done.result).toMatchObject({ created: ROWS - REFUSED, refused: REFUSED, skipped: 0 });
    expect(await count('import_row', 'job_id = $1', [job.id])).toBe(ROWS);
    expect(await count('import_double_record', 'job_id = $1', [job.id])).toBe(ROWS - REFUSED);
  });

  it('stops a running import between batches when cancelled, keeping what it wrote', async () => {
    const job = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('cancel-')));
    await imports.start(admin, job.id);
    let cancelled: Promise<ImportJobView> | undefined;
    lines.hook = async (line) => {
      if (line !== 600) return;
      lines.hook = undefined;
      // The user presses «Остановить» while the second batch is written: the request waits for it.
      cancelled = imports.cancel(admin, job.id);
      await waitForLockedUpdate();
    };
    expect(await worker.runNext()).toBe(true);
    const view = await cancelled!;

    expect(view).toMatchObject({
      status: 'cancelled',
      statusLabel: 'Остановлен',
      can: { undo: true, cancel: false },
    });
    expect(await count('import_row', 'job_id = $1', [job.id])).toBe(1000);
    expect(view.progress.done).toBe(1000);
    expect(await refusal(imports.cancel(admin, job.id))).toMatchObject({
      code: 'import.wrong_status',
      status: 409,
    });
  });

  it('cancels a queued import before any worker takes it', async () => {
    const job = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('queued-', 10)));
    await imports.start(admin, job.id);

    expect((await imports.cancel(admin, job.id)).status).toBe('cancelled');
    expect(await worker.runNext()).toBe(false);
  });

  it('undoes an import: removes what it created except records changed since, listed', async () => {
    const [changed] = await query<{ id: number }>(
      'SELECT min(id) AS id FROM import_double_record WHERE job_id = $1',
      [first.id],
    );
    await query('UPDATE import_double_record SET changed = true WHERE id = $1', [changed.id]);

    const view = await imports.undo(admin, first.id);

    expect(view).toMatchObject({ status: 'undone', statusLabel: 'Отменён', can: { undo: false } });
    expect(view.undo).toEqual({
      removed: ROWS - REFUSED - 1,
      kept: [{ entity: 'lead', id: changed.id, name: 'Лид 1', why: 'изменена после импорта' }],
    });
    expect(await count('import_double_record', 'job_id = $1', [first.id])).toBe(1);
    expect(await refusal(imports.undo(admin, first.id))).toMatchObject({
      code: 'import.wrong_status',
      status: 409,
    });
  });

  it('lets only administrators and managers import, each their own jobs, a manager into their department', async () => {
    expect(
      await refusal(imports.upload(committee, await uploaded('leads.csv', leadsCsv('x-', 3)))),
    ).toMatchObject({
      code: 'import.forbidden',
      status: 403,
    });
    expect(await refusal(imports.list(committee))).toMatchObject({ code: 'import.forbidden' });
    expect(await refusal(imports.view(otherAdmin, first.id))).toMatchObject({
      code: 'import.not_found',
      status: 404,
    });
    expect(await refusal(imports.errorsFile(otherAdmin, first.id))).toMatchObject({
      code: 'import.not_found',
    });

    const own = await imports.upload(manager, await uploaded('leads.csv', leadsCsv('manager-', 3)));
    expect(own.departmentId).toBe(departments[0]);
    expect((await imports.view(manager, own.id)).departments).toEqual([]);
    expect(await refusal(imports.configure(manager, own.id, { departmentId: departments[1] }))).toMatchObject(
      {
        code: 'import.other_department',
        status: 403,
      },
    );
    expect(await refusal(imports.configure(manager, own.id, { departmentId: null }))).toMatchObject({
      code: 'import.other_department',
    });
    expect(await refusal(imports.errorsFile(manager, own.id))).toMatchObject({
      code: 'import.no_errors',
      status: 404,
    });
    await imports.start(manager, own.id);
    expect(await refusal(imports.configure(manager, own.id, { policy: 'create' }))).toMatchObject({
      code: 'import.wrong_status',
      status: 409,
      message: expect.stringContaining('«В очереди»'),
    });
  });

  /** Until another connection's UPDATE of import_job waits for the batch's lock. */
  async function waitForLockedUpdate(): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      const waiting = await count(
        'pg_stat_activity',
        `datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "import_job"%'`,
      );
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the cancel never reached the lock');
  }
  it('deletes the files nothing reads any more: a done import keeps its job, an abandoned upload goes', async () => {
    const started = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('expire-', 3)));
    await imports.start(admin, started.id);
    await worker.runQueued(); // with whatever earlier tests left waiting
    const done = await imports.view(admin, started.id);
    expect(done.status).toBe('done');
    const abandoned = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('abandoned-', 3)));
    const fresh = await imports.upload(admin, await uploaded('leads.csv', leadsCsv('fresh-', 3)));
    const pathOf = async (id: number) =>
      (await query<{ file_path: string | null }>('SELECT file_path FROM import_job WHERE id = $1', [id]))[0]
        ?.file_path;
    const doneFile = (await pathOf(done.id))!;
    const abandonedFile = (await pathOf(abandoned.id))!;
    const days = services.config.imports.keepDays;
    await query(
      `UPDATE import_job SET finished_at = now() - make_interval(days => $2 + 1),
              created_at = now() - make_interval(days => $2 + 1)
        WHERE id = ANY($1::int[])`,
      [[done.id, abandoned.id], days],
    );

    expect(await imports.expireFiles()).toBe(2);

    const stored = await storedFiles();
    expect(stored).not.toContain(path.basename(doneFile));
    expect(stored).not.toContain(path.basename(abandonedFile));
    expect(stored).toContain(path.basename((await pathOf(fresh.id))!));
    expect(await pathOf(done.id)).toBeNull();
    expect(await imports.view(admin, done.id)).toMatchObject({ status: 'done', result: done.result });
    expect(await refusal(imports.view(admin, abandoned.id))).toMatchObject({ code: 'import.not_found' });
    expect(await imports.expireFiles()).toBe(0);
  });
});
