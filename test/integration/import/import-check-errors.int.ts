import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import { DomainError } from '../../../src/common/domain-error.js';
import { IMPORT_LINES, REPORTED_LINES } from '../../../src/modules/import/import-run-contract.js';
import { IMPORT_BATCH_ROWS, ImportWorker } from '../../../src/modules/import/import-worker.js';
import { ImportService } from '../../../src/modules/import/import.service.js';
import { startServices, type TestServices } from '../../helpers/test-services.js';
import { createUser } from '../../helpers/users.js';
import { ImportLinesDouble } from './import-lines-double.js';

const ROWS = 1200;
const HEADERS = ['ID', 'Название лида', 'Рабочий телефон', 'Стадия'];
const CHECKSUM = 'Неверная контрольная цифра ИНН';
/** The row refused by a DomainError (in the last, short batch) rather than by its outcome. */
const THROWN_ROW = 1105;

/** A lead row; every tenth is refused («ОШИБКА»), one by a DomainError («ИСКЛЮЧЕНИЕ»). */
function leadRow(prefix: string, index: number): string[] {
  const title = `Лид ${index}${index % 10 === 3 ? ' ОШИБКА' : ''}${index === THROWN_ROW ? ' ИСКЛЮЧЕНИЕ' : ''}`;
  return [`${prefix}${index}`, title, `+7 495 000-${String(index).padStart(4, '0')}`, 'В работе'];
}
/** The refused rows of the file as the errors file should list them: cells, then «Причина». */
function refusedRows(prefix: string): string[][] {
  const rows: string[][] = [];
  for (let index = 1; index <= ROWS; index += 1) {
    if (index % 10 === 3) rows.push([...leadRow(prefix, index), CHECKSUM]);
    else if (index === THROWN_ROW) rows.push([...leadRow(prefix, index), 'ИНН из 11 цифр']);
  }
  return rows;
}
const REFUSED = refusedRows('').length;

// «Скачать ошибки» after «Проверить»: every refused row of the check, not only those its report lists.
describe('the errors of a check', () => {
  let services: TestServices;
  let imports: ImportService;
  let worker: ImportWorker;
  const lines = new ImportLinesDouble();
  let temporary: string;
  let admin: { id: number };
  let otherAdmin: { id: number };

  beforeAll(async () => {
    services = await startServices({}, [{ provide: IMPORT_LINES, useValue: lines }]);
    imports = services.app.get(ImportService);
    worker = services.app.get(ImportWorker);
    await ImportLinesDouble.createTable(services.dataSource.manager);
    temporary = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-check-errors-test-'));
    admin = await createUser(services.app, 'admin');
    otherAdmin = await createUser(services.app, 'admin');
  });
  afterAll(async () => {
    await services?.close();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  });

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    services.dataSource.query(sql, parameters) as Promise<T[]>;
  const storedErrors = async (jobId: number) =>
    (
      await query<{ count: number }>(
        'SELECT count(*)::int AS count FROM import_check_error WHERE job_id = $1',
        [jobId],
      )
    )[0].count;
  const upload = async (prefix: string) => {
    const file = path.join(temporary, `${prefix}leads.csv`);
    const rows = Array.from({ length: ROWS }, (_, index) => leadRow(prefix, index + 1).join(';'));
    await writeFile(file, [HEADERS.join(';'), ...rows].join('\r\n') + '\r\n');
    return imports.upload(admin, { path: file, name: 'leads.csv', size: 0 });
  };
  const checked = async (jobId: number) => {
    await imports.check(admin, jobId);
    expect(await worker.runNext()).toBe(true);
    return imports.view(admin, jobId);
  };
  /** The errors file's name and its rows as a user reads them in Excel (the header row first). */
  const errorsWorkbook = async (jobId: number) => {
    const file = await imports.errorsFile(admin, jobId);
    const out = new PassThrough();
    const [content] = await Promise.all([buffer(out), file.write(out)]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as string[]).slice(1)));
    return { fileName: file.fileName, rows };
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    )) as DomainError | undefined;
    if (!error) throw new Error('expected a refusal');
    return { code: error.code, status: error.status };
  };

  it('keeps every row a check refused, batch by batch, and lists them all in «Скачать ошибки»', async () => {
    expect(REFUSED).toBeGreaterThan(REPORTED_LINES);
    const job = await upload('all-');
    expect(job.can.errors).toBe(false);
    // The first row of the third batch: the first two batches' refusals are already stored, outside the check.
    let storedDuringCheck: number | undefined;
    lines.hook = async (line) => {
      if (line !== 2 * IMPORT_BATCH_ROWS + 2) return;
      storedDuringCheck = await storedErrors(job.id);
    };
    const view = await checked(job.id).finally(() => (lines.hook = undefined));

    expect(storedDuringCheck).toBe(100);
    expect(view.status).toBe('checked');
    expect(view.check).toMatchObject({ refused: REFUSED, created: ROWS - REFUSED });
    expect(view.check?.errors).toHaveLength(REPORTED_LINES);
    expect(view.can.errors).toBe(true);
    expect(await storedErrors(job.id)).toBe(REFUSED);
    // Nothing of the check was written: it was rolled back.
    expect(
      (await query<{ count: number }>('SELECT count(*)::int AS count FROM import_double_record'))[0].count,
    ).toBe(0);

    const { fileName, rows } = await errorsWorkbook(job.id);
    expect(fileName).toMatch(/^Ошибки проверки — leads\.csv — \d\d\.\d\d\.\d{4}\.xlsx$/);
    expect(rows[0]).toEqual([...HEADERS, 'Причина']);
    expect(rows.slice(1)).toEqual(refusedRows('all-'));
    expect(await refusal(imports.errorsFile(otherAdmin, job.id))).toEqual({
      code: 'import.not_found',
      status: 404,
    });
  });

  it('replaces the last check’s errors with the new check’s', async () => {
    const job = await upload('again-');
    await checked(job.id);
    lines.hook = (line) =>
      line === 2 ? Promise.reject(new DomainError('import.test', 'Телефон занят')) : Promise.resolve();
    const second = await checked(job.id).finally(() => (lines.hook = undefined));

    expect(second.check?.refused).toBe(REFUSED + 1);
    let { rows } = await errorsWorkbook(job.id);
    expect(rows.slice(1)).toEqual([[...leadRow('again-', 1), 'Телефон занят'], ...refusedRows('again-')]);

    const third = await checked(job.id);
    expect(third.check?.refused).toBe(REFUSED);
    ({ rows } = await errorsWorkbook(job.id));
    expect(rows.slice(1)).toEqual(refusedRows('again-'));
  });

  it('drops the errors of a check when the settings change: they no longer hold', async () => {
    const job = await upload('configure-');
    await checked(job.id);

    const configured = await imports.configure(admin, job.id, { policy: 'fill_empty' });

    expect(configured).toMatchObject({ status: 'uploaded', check: null, can: { errors: false } });
    expect(await storedErrors(job.id)).toBe(0);
    expect(await refusal(imports.errorsFile(admin, job.id))).toEqual({
      code: 'import.no_errors',
      status: 404,
    });
  });

  it('gives the import’s errors once it ran, and deletes the check’s with the expired file', async () => {
    const job = await upload('import-');
    await checked(job.id);
    await imports.start(admin, job.id);
    expect(await worker.runNext()).toBe(true);
    const abandoned = await upload('abandoned-');
    await checked(abandoned.id);

    expect((await errorsWorkbook(job.id)).fileName).toMatch(/^Ошибки импорта — /);
    expect(await storedErrors(job.id)).toBe(REFUSED);
    await query(
      `UPDATE import_job SET finished_at = now() - make_interval(days => $2 + 1),
              created_at = now() - make_interval(days => $2 + 1)
        WHERE id = ANY($1::int[])`,
      [[job.id, abandoned.id], services.config.imports.keepDays],
    );
    expect(await imports.expireFiles()).toBe(2);

    expect(await storedErrors(job.id)).toBe(0);
    expect(await storedErrors(abandoned.id)).toBe(0);
    expect((await imports.view(admin, job.id)).result?.refused).toBe(REFUSED);
  });
});
