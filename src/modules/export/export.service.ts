import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';

import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { JobPoller } from '../../common/job-poller.js';
import { formatCount } from '../../common/ru-format.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { CONTENT_TYPES, exportFileName, type ExportFormat } from './export-cells.js';
import { EXPORT_LISTS, type ExportListName } from './export-columns.js';
import type { ExportQuery } from './export-job.entity.js';
import { ExportRepository, streamRows, type ExportJobRow } from './export.repository.js';
import { OutputClosedError, writeExport } from './export-writer.js';

/** What a list shows, as its AdminJS list applies it (the back-office builds it: list-export.ts). */
export interface ListScope {
  /** The list's filter as TypeORM conditions; null when the filter can match nothing. */
  where: FindOptionsWhere<ObjectLiteral> | null;
  /** The list's sort: a property of the list's entity. */
  order: { property: string; direction: 'ASC' | 'DESC' };
}

export interface ExportRequest {
  list: ExportListName;
  format: ExportFormat;
  user: { id: number };
  scope: ListScope;
}

/** Small enough to stream now, or queued for the background. */
export type ExportStart =
  | { kind: 'stream'; fileName: string; contentType: string; write: (out: Writable) => Promise<number> }
  | { kind: 'job'; job: ExportJobRow };

export interface ExportDownload {
  path: string;
  fileName: string;
  contentType: string;
}

/** Unfinished background exports one user may have at a time. */
const MAX_UNFINISHED = 3;
/** A running job whose heartbeat is older than this was left by a dead instance: taken again. */
const STALE_SECONDS = 60;
/** How often a run writes its progress (and heartbeat). */
const PROGRESS_MS = 1000;
const JOBS_SHOWN = 50;
const EXPIRE_BATCH = 100;

/**
 * «Экспорт в Excel» / «Экспорт в CSV» of a list: exactly the rows of the list's filter and sort (the scope the
 * back-office built for the user), the columns of export-columns.ts. Up to EXPORT_STREAM_MAX_ROWS
 * rows the file streams to the browser; a larger export is a job (`export_job`) that a worker of
 * any instance writes under EXPORT_DIR and «Мои выгрузки» offers for EXPORT_KEEP_HOURS.
 */
@Injectable()
export class ExportService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Export');
  private readonly poller: JobPoller;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.poller = new JobPoller({
      runNext: () => this.runNext(),
      pollMs: config.exports.pollMs,
      logger: this.logger,
      failure: 'Фоновые выгрузки остановлены ошибкой',
    });
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  /** Stops taking jobs; a job being written goes back to the queue for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.poller.stop();
  }

  /** The rows' query of a list in a scope: its columns, the list's filter and sort (id breaks ties). */
  query(list: ExportListName, scope: ListScope): ExportQuery {
    const definition = EXPORT_LISTS[list];
    const metadata = this.dataSource.entityMetadatas.find((entity) => entity.tableName === definition.table);
    if (!metadata) throw new Error(`No entity for the export of ${list}`);
    const builder = this.dataSource
      .createQueryBuilder(metadata.target, 'record')
      .setFindOptions({ where: scope.where ?? {}, loadEagerRelations: false })
      .select(definition.columns.map((column, index) => `${column.sql} AS c${index}`));
    if (scope.where === null) builder.andWhere('false');
    const sortable = metadata.columns.find(
      (column) => column.propertyName === scope.order.property && !column.relationMetadata,
    );
    if (sortable) builder.orderBy(`record.${sortable.propertyName}`, scope.order.direction, 'NULLS LAST');
    builder.addOrderBy('record.id', scope.order.direction);
    const [sql, parameters] = builder.getQueryAndParameters();
    return { sql, parameters };
  }

  /** Streams a small export, queues a large one (up to MAX_UNFINISHED per user). */
  async start(request: ExportRequest): Promise<ExportStart> {
    const list = EXPORT_LISTS[request.list];
    const fileName = exportFileName(list.title, request.format);
    const query = this.query(request.list, request.scope);
    const max = this.config.exports.streamMaxRows;
    const repository = new ExportRepository(this.dataSource.manager);
    const rows = await readableOrNothing(repository.count(query, max + 1));
    const nothing = rows === undefined;
    if (nothing || rows <= max) {
      const write = (out: Writable) =>
        writeExport(request.format, list, nothing ? emptyRows() : streamRows(this.dataSource, query), out);
      return { kind: 'stream', fileName, contentType: CONTENT_TYPES[request.format], write };
    }
    if ((await repository.unfinishedOf(request.user.id)) >= MAX_UNFINISHED) {
      throw new DomainError(
        'export.too_many_jobs',
        `У вас уже ${MAX_UNFINISHED} выгрузки в работе. Дождитесь их окончания на странице «Мои выгрузки».`,
        { status: 429 },
      );
    }
    const job = await repository.create({
      userId: request.user.id,
      list: request.list,
      format: request.format,
      fileName,
      query,
    });
    this.poller.wake(); // this instance starts it at once if idle
    return { kind: 'job', job };
  }

  /** The user's latest exports, newest first. */
  async jobsOf(userId: number): Promise<ExportJobRow[]> {
    return new ExportRepository(this.dataSource.manager).jobsOf(userId, JOBS_SHOWN);
  }

  /** A finished export's file, to the user who asked for it only. */
  async download(jobId: number, userId: number): Promise<ExportDownload> {
    const job = await new ExportRepository(this.dataSource.manager).jobOf(jobId, userId);
    if (!job) throw new DomainError('export.not_found', 'Выгрузка не найдена', { status: 404 });
    if (job.status === 'expired') {
      throw new DomainError(
        'export.expired',
        `Файл выгрузки удалён: готовые выгрузки хранятся ${formatCount(this.config.exports.keepHours)} ч. Сформируйте её заново.`,
        { status: 410 },
      );
    }
    if (job.status !== 'done' || !job.file) {
      throw new DomainError('export.not_ready', 'Выгрузка ещё не готова', { status: 409 });
    }
    return {
      path: path.join(this.config.exports.directory, job.file),
      fileName: job.fileName,
      contentType: CONTENT_TYPES[job.format],
    };
  }

  /** Deletes the files of finished exports past EXPORT_KEEP_HOURS (the housekeeping calls it). */
  async expire(): Promise<number> {
    let expired = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const repository = new ExportRepository(manager);
        const jobs = await repository.lockExpired(EXPIRE_BATCH);
        for (const job of jobs) {
          if (job.file) await fs.rm(path.join(this.config.exports.directory, job.file), { force: true });
        }
        if (jobs.length > 0) await repository.markExpired(jobs.map((job) => job.id));
        return jobs.length;
      });
      expired += count;
      if (count < EXPIRE_BATCH) return expired;
    }
  }

  /** Claims one job and writes its file; false when none was waiting. */
  private async runNext(): Promise<boolean> {
    const repository = new ExportRepository(this.dataSource.manager);
    const claim = randomUUID();
    const job = await repository.claimNext(claim, STALE_SECONDS);
    if (!job) return false;
    const list = EXPORT_LISTS[job.list as ExportListName];
    const directory = this.config.exports.directory;
    await fs.mkdir(directory, { recursive: true });
    await removeParts(directory, job.id); // left by a run that died
    const file = `${job.id}-${claim}.${job.format}`;
    const part = path.join(directory, `${file}.part`);
    try {
      const total = await readableOrNothing(repository.count(job.query));
      await repository.progress(job.id, claim, 0, total ?? 0);
      let reported = Date.now();
      const progress = async (written: number) => {
        if (this.poller.stopping) throw new StoppingError();
        if (Date.now() - reported < PROGRESS_MS) return;
        reported = Date.now();
        if (!(await repository.progress(job.id, claim, written))) throw new LostClaimError();
      };
      const out = createWriteStream(part);
      const rows = total === undefined ? emptyRows() : streamRows(this.dataSource, job.query);
      let written: number;
      try {
        written = await writeExport(job.format, list, rows, out, progress);
      } finally {
        out.destroy();
      }
      await fs.rename(part, path.join(directory, file));
      if (!(await repository.finish(job.id, claim, file, written, this.config.exports.keepHours))) {
        await fs.rm(path.join(directory, file), { force: true });
      }
      this.logger.log({ jobId: job.id, list: job.list, rows: written }, 'Фоновая выгрузка готова');
    } catch (error) {
      await fs.rm(part, { force: true });
      if (error instanceof StoppingError) await repository.release(job.id, claim);
      else if (!(error instanceof LostClaimError)) {
        this.logger.error({ err: error, jobId: job.id }, 'Фоновая выгрузка не удалась');
        await repository.fail(job.id, claim, error instanceof Error ? error.message : String(error));
      }
    }
    return true;
  }
}

class StoppingError extends Error {}
class LostClaimError extends Error {}

async function* emptyRows(): AsyncGenerator<never> {}

/** Partial files of a job's earlier runs. */
async function removeParts(directory: string, jobId: number): Promise<void> {
  for (const name of await fs.readdir(directory)) {
    if (name.startsWith(`${jobId}-`) && name.endsWith('.part')) {
      await fs.rm(path.join(directory, name), { force: true });
    }
  }
}

/**
 * The count — or undefined when PostgreSQL cannot read a filter's value (class 22: a malformed
 * date, a number out of range): the list shows no rows then, and the export holds none.
 */
async function readableOrNothing(count: Promise<number>): Promise<number | undefined> {
  try {
    return await count;
  } catch (error) {
    if (
      error instanceof QueryFailedError &&
      /^(22|42883$)/.test(String((error.driverError as { code?: string }).code ?? ''))
    )
      return undefined;
    throw error;
  }
}

export { OutputClosedError };
