import { promises as fs } from 'node:fs';
import path from 'node:path';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { UserRepository, type DepartmentAccessor } from '../user/user.repository.js';
import type { ColumnMapping, ImportKind } from './import-contract.js';
import { errorsFileName, writeErrorsWorkbook } from './import-errors-workbook.js';
import { jobFilePath, readWholeFile, storeUpload } from './import-job-file.js';
import { assertStep, type ImportStep } from './import-job-transitions.js';
import { buildJobView, errorsOf } from './import-job-view.js';
import { importKinds, type ImportJob } from './import-job.entity.js';
import { checkMapping, guessKind, IMPORT_FIELDS, suggestMapping } from './import-mapping.js';
import {
  duplicatePolicies,
  IMPORT_LINES,
  type ErrorsFile,
  type ImportActor,
  type ImportJobStatus,
  type ImportJobView,
  type ImportLines,
  type ImportOperations,
  type ImportSettings,
  type SavedMapping,
  type UploadedFile,
  type ValueMapping,
  type ValueOption,
} from './import-run-contract.js';
import { ImportWorker, importContext } from './import-worker.js';
import { ImportRepository } from './import.repository.js';
import { chooseValues, chosenValues, optionsOf } from './import-values.js';
import { openTable } from './table-reader.js';

const JOBS_LISTED = 50;

const notFound = () => new DomainError('import.not_found', 'Импорт не найден', { status: 404 });

/**
 * Importing a file (docs/exchange.md «Import»): an upload becomes a job (`import_job`) the user
 * maps and configures, checks («Проверить», a dry run) and imports; ImportWorker runs both in the
 * background. Administrators import into any department, a manager into their own; the committee
 * does not import. Each user sees only their own imports.
 */
/** Jobs whose files one transaction of expireFiles deletes. */
const EXPIRE_BATCH = 100;

@Injectable()
export class ImportService implements ImportOperations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IMPORT_LINES) private readonly lines: ImportLines,
    private readonly worker: ImportWorker,
  ) {}

  /**
   * Deletes the uploaded files nothing reads any more (the housekeeping calls it): those of done or
   * undone imports IMPORT_KEEP_DAYS after they ended (the job, its ledger and reports stay), and
   * uploads never imported, with their jobs, IMPORT_KEEP_DAYS after the upload.
   */
  async expireFiles(): Promise<number> {
    let expired = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const repository = new ImportRepository(manager);
        const jobs = await repository.lockFilesToExpire(this.config.imports.keepDays, EXPIRE_BATCH);
        for (const job of jobs)
          await fs.rm(path.join(this.config.uploads.directory, job.filePath), { force: true });
        await repository.filesExpired(
          jobs.filter((job) => !job.abandoned).map((job) => job.id),
          jobs.filter((job) => job.abandoned).map((job) => job.id),
        );
        return jobs.length;
      });
      expired += count;
      if (count < EXPIRE_BATCH) return expired;
    }
  }

  /** Stores, reads once (rows, preview, values to map) and guesses the kind and the mapping. */
  async upload(actor: ImportActor, file: UploadedFile): Promise<ImportJobView> {
    const manager = this.dataSource.manager;
    const user = await this.accessor(manager, actor);
    const filePath = await storeUpload(this.config.uploads.directory, file.path);
    const stored = path.join(this.config.uploads.directory, filePath);
    let id: number;
    try {
      const table = await openTable(stored, file.name);
      const kind = guessKind(table.headers) ?? 'lead';
      const mapping = suggestMapping(kind, table.headers);
      const pass = await readWholeFile(table, kind, mapping);
      id = await new ImportRepository(manager).create({
        userId: actor.id,
        departmentId: user.role === 'manager' ? user.departmentId : null,
        fileName: file.name.slice(0, 255),
        filePath,
        detected: table.detected,
        headers: table.headers,
        preview: pass.preview,
        totalRows: pass.totalRows,
        kind,
        mapping,
        tallies: pass.tallies,
        values: await chooseValues(this.lines, manager, kind, pass.tallies, {}),
      });
    } catch (error) {
      // A refused file (or a failure) leaves nothing stored.
      await fs.rm(stored, { force: true });
      throw error;
    }
    return this.view(actor, id);
  }

  async list(actor: ImportActor): Promise<ImportJobView[]> {
    const manager = this.dataSource.manager;
    await this.accessor(manager, actor);
    const jobs = await new ImportRepository(manager).jobsOf(actor.id, JOBS_LISTED);
    const options = new Map<string, ValueOption[]>();
    const views: ImportJobView[] = [];
    for (const job of jobs) views.push(buildJobView(job, await optionsOf(this.lines, manager, job, options)));
    return views;
  }

  async view(actor: ImportActor, jobId: number): Promise<ImportJobView> {
    const manager = this.dataSource.manager;
    const { user, job } = await this.jobOf(manager, actor, jobId);
    const departments = user.role === 'admin' ? await new ImportRepository(manager).departments() : [];
    return buildJobView(job, await optionsOf(this.lines, manager, job), departments);
  }

  /**
   * Changes what is imported and how, before the import starts; a changed mapping of the value
   * columns (or kind) reads the file again for their values. The last check's report no longer
   * holds: the job is «Загружен» again.
   */
  async configure(actor: ImportActor, jobId: number, settings: ImportSettings): Promise<ImportJobView> {
    const manager = this.dataSource.manager;
    const { user, job } = await this.jobOf(manager, actor, jobId);
    assertStep('configure', job.status);
    const kind = settings.kind ?? job.kind;
    if (!importKinds.includes(kind)) throw unknownKind();
    const mapping =
      settings.mapping !== undefined
        ? checkedColumns(settings.mapping, job.headers)
        : kind !== job.kind
          ? suggestMapping(kind, job.headers)
          : job.mapping;
    checkMapping(kind, mapping, job.headers);
    const policy = settings.policy ?? job.policy;
    if (!duplicatePolicies.includes(policy)) {
      throw new DomainError('import.unknown_policy', 'Выберите, что делать с дублями, из списка', {
        status: 422,
      });
    }
    const departmentId =
      settings.departmentId === undefined
        ? job.departmentId
        : await this.department(manager, user, settings.departmentId);

    let tallies = job.tallies;
    let values: ValueMapping = kind === job.kind ? job.values : {};
    if (kind !== job.kind || valueColumns(kind, mapping) !== valueColumns(job.kind, job.mapping)) {
      const table = await openTable(jobFilePath(this.config.uploads.directory, job), job.fileName);
      tallies = (await readWholeFile(table, kind, mapping)).tallies;
      values = await chooseValues(this.lines, manager, kind, tallies, values);
    }
    if (settings.values !== undefined)
      values = await chosenValues(this.lines, manager, kind, settings.values, values);

    // The check's report and its refused rows go together: its errors file no longer holds either.
    const changed = await this.dataSource.transaction(async (transaction) => {
      const repository = new ImportRepository(transaction);
      const configured = await repository.changeIf(job.id, ['uploaded', 'checked'], {
        kind,
        mapping,
        policy,
        departmentId,
        tallies,
        values,
        status: 'uploaded',
        checkReport: null,
        failure: null,
      });
      if (configured) await repository.clearCheckErrors([job.id]);
      return configured;
    });
    if (!changed) await this.refuseRace(manager, job.id, 'configure');
    return this.view(actor, jobId);
  }

  /** «Проверить»: queued for a worker; `view` shows its progress and then its report. */
  async check(actor: ImportActor, jobId: number): Promise<ImportJobView> {
    return this.queue(actor, jobId, 'check', ['uploaded', 'checked'], {
      status: 'checking',
      checkReport: null,
      failure: null,
    });
  }

  /** «Импортировать»: queued for a worker. A failed import continues after its last written line. */
  async start(actor: ImportActor, jobId: number): Promise<ImportJobView> {
    return this.queue(actor, jobId, 'start', ['uploaded', 'checked', 'failed'], {
      status: 'queued',
      failure: null,
      finishedAt: null,
    });
  }

  /** Stops a waiting or running import between two batches; what it wrote stays (undo removes it). */
  async cancel(actor: ImportActor, jobId: number): Promise<ImportJobView> {
    const manager = this.dataSource.manager;
    const { job } = await this.jobOf(manager, actor, jobId);
    assertStep('cancel', job.status);
    // Waits for a batch being written (it holds the job locked): the worker then sees the stop.
    const changed = await new ImportRepository(manager).changeIf(job.id, ['queued', 'running'], {
      status: 'cancelled',
      claim: null,
      finishedAt: () => 'greatest(clock_timestamp(), heartbeat_at)',
    });
    if (!changed) await this.refuseRace(manager, job.id, 'cancel');
    return this.view(actor, jobId);
  }

  /** «Отменить импорт»: removes the records this import created, except those changed since. */
  async undo(actor: ImportActor, jobId: number): Promise<ImportJobView> {
    await this.dataSource.transaction(async (manager) => {
      const { job } = await this.jobOf(manager, actor, jobId, true);
      assertStep('undo', job.status);
      const repository = new ImportRepository(manager);
      const records = await repository.createdRecords(job.id);
      // The moment the import last wrote: a batch's end sets the heartbeat.
      const importedUntil = new Date(
        Math.max(job.finishedAt?.getTime() ?? 0, job.heartbeatAt?.getTime() ?? 0, job.createdAt.getTime()),
      );
      const report = await this.lines.remove(manager, importContext(job), records, importedUntil);
      await repository.undone(job.id, report);
    });
    return this.view(actor, jobId);
  }

  /**
   * «Скачать ошибки»: the refused rows as read, with «Причина» — the import's once it has begun,
   * before it every row the last check refused.
   */
  async errorsFile(actor: ImportActor, jobId: number): Promise<ErrorsFile> {
    const manager = this.dataSource.manager;
    const { job } = await this.jobOf(manager, actor, jobId);
    const of = errorsOf(job);
    if (of === undefined) {
      throw new DomainError('import.no_errors', 'В этом импорте нет строк с ошибками', { status: 404 });
    }
    const repository = new ImportRepository(this.dataSource.manager);
    return {
      fileName: errorsFileName(job.fileName, of),
      write: (out) =>
        writeErrorsWorkbook(
          (afterLine, limit) =>
            of === 'import'
              ? repository.refusedLines(job.id, afterLine, limit)
              : repository.checkErrors(job.id, afterLine, limit),
          job.headers,
          out,
        ),
    };
  }

  /** Saves the job's mapping by header names under `name` (replacing the user's one of that name). */
  async saveMapping(actor: ImportActor, jobId: number, name: string): Promise<SavedMapping> {
    const manager = this.dataSource.manager;
    const { job } = await this.jobOf(manager, actor, jobId);
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (trimmed === '' || trimmed.length > 100) {
      throw new DomainError('import.mapping_name', 'Назовите сопоставление: от 1 до 100 символов', {
        status: 422,
        fields: { name: 'От 1 до 100 символов' },
      });
    }
    const columns: Record<string, string> = {};
    job.mapping.forEach((key, index) => {
      const header = job.headers[index];
      if (key !== null && header && !(header in columns)) columns[header] = key;
    });
    return new ImportRepository(manager).saveMapping(actor.id, job.kind, trimmed, columns);
  }

  async mappings(actor: ImportActor, kind: ImportKind): Promise<SavedMapping[]> {
    const manager = this.dataSource.manager;
    await this.accessor(manager, actor);
    if (!importKinds.includes(kind)) throw unknownKind();
    return new ImportRepository(manager).mappingsOf(actor.id, kind);
  }

  private async queue(
    actor: ImportActor,
    jobId: number,
    step: ImportStep,
    from: ImportJobStatus[],
    change: Partial<ImportJob>,
  ): Promise<ImportJobView> {
    const manager = this.dataSource.manager;
    const { user, job } = await this.jobOf(manager, actor, jobId);
    assertStep(step, job.status);
    const changed = await new ImportRepository(manager).changeIf(job.id, from, {
      ...change,
      // A manager's records go to their own department, whatever the job said when it was set up.
      ...(user.role === 'manager' ? { departmentId: user.departmentId } : {}),
      progressTotal: job.totalRows,
      // A check, and an import's first run, count from 0 (a check left its own count behind); a
      // failed import started again goes on from the rows its ledger already holds.
      ...(step === 'check' || (step === 'start' && job.status !== 'failed') ? { progressDone: 0 } : {}),
      claim: null,
      heartbeatAt: null,
    });
    if (!changed) await this.refuseRace(manager, job.id, step);
    this.worker.wake();
    return this.view(actor, jobId);
  }

  /** The signed-in user as the rules need them, read now (a role changed a moment ago applies). */
  private async accessor(manager: EntityManager, actor: ImportActor): Promise<DepartmentAccessor> {
    const user = await new UserRepository(manager).activeAccessor(actor.id);
    if (!user || user.role === 'committee') {
      throw new DomainError('import.forbidden', 'Импорт доступен администраторам и менеджерам отделов.', {
        status: 403,
      });
    }
    return user;
  }

  /** The actor's own job (another user's is «not found»), locked when asked. */
  private async jobOf(
    manager: EntityManager,
    actor: ImportActor,
    jobId: number,
    lock = false,
  ): Promise<{ user: DepartmentAccessor; job: ImportJob }> {
    const user = await this.accessor(manager, actor);
    if (!Number.isSafeInteger(jobId) || jobId <= 0) throw notFound();
    if (lock) await manager.query('SELECT id FROM import_job WHERE id = $1 FOR UPDATE', [jobId]);
    const job = await new ImportRepository(manager).find(jobId);
    if (!job || job.userId !== actor.id) throw notFound();
    return { user, job };
  }

  /** The department chosen: any for an administrator, only their own for a manager. */
  private async department(
    manager: EntityManager,
    user: DepartmentAccessor,
    departmentId: number | null,
  ): Promise<number | null> {
    if (user.role === 'manager' && departmentId !== user.departmentId) {
      throw new DomainError('import.other_department', 'Менеджер импортирует записи только в свой отдел.', {
        status: 403,
      });
    }
    if (departmentId === null) return null;
    if (
      !Number.isSafeInteger(departmentId) ||
      !(await new ImportRepository(manager).departmentExists(departmentId))
    ) {
      throw new DomainError('import.unknown_department', 'Такого отдела нет: выберите отдел из списка.', {
        status: 422,
      });
    }
    return departmentId;
  }

  /** The job's status moved between the read and the change (a worker, another tab): refused as of now. */
  private async refuseRace(manager: EntityManager, jobId: number, step: ImportStep): Promise<never> {
    const now = await new ImportRepository(manager).find(jobId);
    if (!now) throw notFound();
    assertStep(step, now.status);
    throw new DomainError('import.wrong_status', 'Импорт только что изменился: обновите страницу.', {
      status: 409,
    });
  }
}

const unknownKind = () =>
  new DomainError(
    'import.unknown_kind',
    'Выберите, что импортировать: лиды, компании, контакты или сделки.',
    {
      status: 422,
    },
  );

/** A mapping as the request gave it: one field key (or null) per column of the file. */
function checkedColumns(mapping: unknown, headers: readonly string[]): ColumnMapping {
  if (
    !Array.isArray(mapping) ||
    mapping.length !== headers.length ||
    !mapping.every((key) => key === null || typeof key === 'string')
  ) {
    throw new DomainError(
      'import.mapping_columns',
      'Сопоставление не совпадает с колонками файла. Обновите страницу и выберите поля заново.',
      { status: 422 },
    );
  }
  return mapping as ColumnMapping;
}

/** Which columns fill the fields that map values: when it changes, the values are read again. */
function valueColumns(kind: ImportKind, mapping: ColumnMapping): string {
  const mapsValues = new Set(
    IMPORT_FIELDS[kind].filter((field) => field.mapsValues).map((field) => field.key),
  );
  return mapping
    .map((key, column) => (key !== null && mapsValues.has(key) ? `${column}:${key}` : ''))
    .join(',');
}
