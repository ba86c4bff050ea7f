import { randomUUID } from 'node:crypto';

import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { JobPoller } from '../../common/job-poller.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import type { TableRow } from './import-contract.js';
import { jobFilePath } from './import-job-file.js';
import { addToReport, emptyReport, ledgerLine } from './import-job-report.js';
import type { ImportJob } from './import-job.entity.js';
import { mapRow } from './import-mapping.js';
import {
  IMPORT_LINES,
  type ImportContext,
  type ImportLineWriter,
  type ImportLines,
  type LineOutcome,
} from './import-run-contract.js';
import { ImportRepository, type CheckError } from './import.repository.js';
import { openTable } from './table-reader.js';

/** Rows written in one transaction of an import (each in a savepoint, with its ledger line). */
export const IMPORT_BATCH_ROWS = 500;
/** A check or import whose heartbeat is older than this was left by a dead instance: claimed again. */
export const IMPORT_STALE_SECONDS = 120;

/** What a job needs to run: its row, its file and the context its writers get. */
interface Run {
  job: ImportJob;
  claim: string;
  context: ImportContext;
  writer: ImportLineWriter;
}

/**
 * Runs checks («Проверить») and imports in the background, one job at a time per instance
 * (IMPORT_WORKER=on; tests call `runNext`). A check runs the real writers over the whole file in
 * one transaction rolled back at the end; an import writes batches of IMPORT_BATCH_ROWS rows, each
 * batch one transaction with the rows' ledger lines, so a resumed run (a dead instance's job,
 * claimed again) continues after the last line written and never writes a line twice.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Import');
  private readonly poller: JobPoller;
  /** Transactions (by their manager) with a savepoint `import_line` set for their next row. */
  private readonly savepointSet = new WeakSet<EntityManager>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IMPORT_LINES) private readonly lines: ImportLines,
  ) {
    this.poller = new JobPoller({
      runNext: () => this.runNext(),
      pollMs: config.imports.pollMs,
      logger: this.logger,
      failure: 'Фоновый импорт остановлен ошибкой',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.imports.worker) this.poller.start();
  }

  /** Stops between batches; the job goes back to the queue for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.poller.stop();
  }

  /** A job was queued: this instance takes it at once if its worker is on and idle. */
  wake(): void {
    if (this.config.imports.worker) this.poller.wake();
  }

  /** Runs waiting jobs one after another while there are any. */
  runQueued(): Promise<number> {
    return this.poller.runQueued();
  }

  /** Claims one check or import and runs it to its end; false when none was waiting. */
  async runNext(): Promise<boolean> {
    const repository = new ImportRepository(this.dataSource.manager);
    const claim = randomUUID();
    const claimed = await repository.claimNext(claim, IMPORT_STALE_SECONDS);
    if (!claimed) return false;
    const job = (await repository.find(claimed.id))!;
    const checking = claimed.status === 'checking';
    try {
      const run: Run = {
        job,
        claim,
        context: importContext(job),
        writer: this.lines.writer(job.kind),
      };
      if (checking) await this.check(run);
      else await this.import(run);
    } catch (error) {
      if (error instanceof StoppingError) {
        await repository.finishRun(job.id, claim, { status: checking ? 'checking' : 'queued' });
      } else if (!(error instanceof LostClaimError)) {
        this.logger.error(
          { err: error, jobId: job.id },
          checking ? 'Проверка импорта не удалась' : 'Импорт не удался',
        );
        const failure = failureText(error, checking);
        await repository.finishRun(
          job.id,
          claim,
          checking
            ? { status: 'uploaded', failure }
            : { status: 'failed', failure, finishedAt: () => 'clock_timestamp()' },
        );
      }
    }
    return true;
  }

  private async open(job: ImportJob) {
    return openTable(jobFilePath(this.config.uploads.directory, job), job.fileName);
  }

  /**
   * «Проверить»: every row through the real writers, then all of it rolled back. Every refused row
   * is kept for «Скачать ошибки» (the report lists only the first ones), replacing the last check's.
   */
  private async check(run: Run): Promise<void> {
    const { job, claim } = run;
    const outside = new ImportRepository(this.dataSource.manager);
    const table = await this.open(job);
    await outside.clearCheckErrors([job.id]);
    await outside.progress(job.id, claim, 0, job.totalRows);
    const report = emptyReport();
    let refused: CheckError[] = [];
    let done = 0;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      for await (const row of table.rows()) {
        const outcome = await this.writeLine(runner.manager, run, row);
        addToReport(report, row.line, outcome);
        if (outcome.result === 'refused')
          refused.push({ line: row.line, reason: outcome.reason, cells: row.cells });
        done += 1;
        if (done % IMPORT_BATCH_ROWS === 0) {
          if (this.poller.stopping) throw new StoppingError();
          // Written on another connection: the check's own transaction is rolled back.
          if (!(await outside.checkProgress(job.id, claim, done, refused))) throw new LostClaimError();
          refused = [];
        }
      }
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    // The last rows refused and the report together: the errors file is whole once it is offered.
    await this.dataSource.transaction(async (manager) => {
      const repository = new ImportRepository(manager);
      if (!(await repository.checkProgress(job.id, claim, done, refused))) throw new LostClaimError();
      await repository.finishRun(job.id, claim, {
        status: 'checked',
        checkReport: report,
        progressDone: done,
        failure: null,
      });
    });
    this.logger.log({ jobId: job.id, rows: done }, 'Проверка импорта закончена');
  }

  /** «Импортировать»: batches after the last line of the ledger, then the job is done. */
  private async import(run: Run): Promise<void> {
    const { job, claim } = run;
    const repository = new ImportRepository(this.dataSource.manager);
    const table = await this.open(job);
    const after = await repository.lastLine(job.id);
    let done = job.progressDone;
    await repository.progress(job.id, claim, done, job.totalRows);
    let batch: TableRow[] = [];
    for await (const row of table.rows()) {
      if (row.line <= after) continue;
      batch.push(row);
      if (batch.length < IMPORT_BATCH_ROWS) continue;
      done = await this.writeBatch(run, batch, done);
      batch = [];
      if (this.poller.stopping) throw new StoppingError();
    }
    if (batch.length > 0) done = await this.writeBatch(run, batch, done);
    const finished = await repository.finishRun(job.id, claim, {
      status: 'done',
      progressDone: done,
      failure: null,
      finishedAt: () => 'clock_timestamp()',
    });
    if (finished) this.logger.log({ jobId: job.id, rows: done }, 'Импорт закончен');
  }

  /** One transaction: the job locked (still this run's, not cancelled), the rows, their ledger. */
  private async writeBatch(run: Run, batch: readonly TableRow[], done: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const repository = new ImportRepository(manager);
      const locked = await repository.lockRun(run.job.id, run.claim);
      if (!locked || locked.status !== 'running') throw new LostClaimError();
      const report = locked.resultReport ?? emptyReport();
      const lines = [];
      for (const row of batch) {
        const outcome = await this.writeLine(manager, run, row);
        addToReport(report, row.line, outcome);
        lines.push(ledgerLine(row.line, outcome, row.cells));
      }
      await repository.insertLines(run.job.id, lines);
      await repository.batchWritten(run.job.id, run.claim, done + batch.length, report);
      return done + batch.length;
    });
  }

  /**
   * One row in a savepoint: a refused row leaves nothing behind. The savepoint of the next row is
   * set in the same round trip as this one's release, and stays after a rollback to it: one
   * statement a row instead of two. The transaction's last, empty savepoint ends with it.
   */
  private async writeLine(manager: EntityManager, run: Run, row: TableRow): Promise<LineOutcome> {
    if (!this.savepointSet.has(manager)) await manager.query('SAVEPOINT import_line');
    this.savepointSet.delete(manager);
    let outcome: LineOutcome;
    try {
      outcome = await run.writer.write(manager, run.context, mapRow(run.job.mapping, row));
    } catch (error) {
      const reason = rowRefusal(error);
      if (reason === undefined) throw new LineError(row.line, error);
      outcome = { result: 'refused', reason };
    }
    await manager.query(
      outcome.result === 'refused'
        ? 'ROLLBACK TO SAVEPOINT import_line'
        : 'RELEASE SAVEPOINT import_line; SAVEPOINT import_line',
    );
    this.savepointSet.add(manager);
    return outcome;
  }
}

export function importContext(job: ImportJob): ImportContext {
  return {
    jobId: job.id,
    kind: job.kind,
    fileName: job.fileName,
    fromBitrix: job.mapping.includes('bitrixId'),
    policy: job.policy,
    actorId: job.userId,
    departmentId: job.departmentId,
    values: job.values,
  };
}

/**
 * The reason a row is refused, or undefined for an error that is not the row's fault: a domain
 * rule, or a value PostgreSQL refuses (class 22: too long, out of range; 23: a constraint).
 */
function rowRefusal(error: unknown): string | undefined {
  if (error instanceof DomainError) return error.message;
  if (error instanceof QueryFailedError) {
    const code = String((error.driverError as { code?: string }).code ?? '');
    if (code.startsWith('22')) return 'Значение в строке не подходит: слишком длинное или неверного формата.';
    if (code.startsWith('23')) return 'Строка противоречит записям, которые уже есть в CRM.';
  }
  return undefined;
}

function failureText(error: unknown, checking: boolean): string {
  const cause = error instanceof LineError ? error.cause : error;
  const where = error instanceof LineError ? ` на строке ${error.line}` : '';
  if (cause instanceof DomainError) {
    return `${checking ? 'Проверка' : 'Импорт'} остановлен${checking ? 'а' : ''}${where}: ${cause.message}`;
  }
  if (checking) return `Проверка не удалась из-за непредвиденной ошибки${where}. Запустите её ещё раз.`;
  return (
    `Импорт остановлен непредвиденной ошибкой${where}. Строки, записанные до неё, сохранены; ` +
    'запустите импорт снова — он продолжит с того же места.'
  );
}

class StoppingError extends Error {}
class LostClaimError extends Error {}
class LineError extends Error {
  constructor(
    readonly line: number,
    override readonly cause: unknown,
  ) {
    super(`Import line ${line} failed`);
  }
}
