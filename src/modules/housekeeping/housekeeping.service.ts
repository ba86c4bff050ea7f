import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import type { DataSource } from 'typeorm';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { ExportService } from '../export/export.service.js';
import { ImportService } from '../import/import.service.js';
import { lastRun } from '../report/report.scheduler.js';
import {
  HousekeepingRepository,
  type HousekeepingDeleted,
  type HousekeepingDeletion,
} from './housekeeping.repository.js';

const JOB = 'housekeeping';
/** Rows one statement deletes: short statements, however much has piled up. */
const BATCH = 5_000;
/** How long the housekeeping's own runs are remembered. */
const RUN_LOG_DAYS = 30;

export type { HousekeepingDeleted };

/**
 * Deletes the rows nothing reads any more from tables that would otherwise only grow:
 * - `login_attempt`: failures older than LOGIN_LOCK_MINUTES and logins older than
 *   LOGIN_KNOWN_IP_DAYS (what AuthService.isLocked reads), but none younger than
 *   LOGIN_ATTEMPT_RETENTION_DAYS, which «Попытки входа» shows administrators;
 * - `rate_limit_counter`: the public intake's windows that have ended;
 * - `housekeeping_run`: its own log, after 30 days;
 * - `export_file`: background exports' files older than EXPORT_KEEP_HOURS (ExportService.expire);
 * - `import_file`: uploaded import files nothing reads any more, IMPORT_KEEP_DAYS on (ImportService.expireFiles).
 * (Expired sessions are deleted by connect-pg-simple, unsent drafts by DraftRetentionService.)
 *
 * At HOUSEKEEPING_CRON (Moscow time; hourly at :41) unless HOUSEKEEPING_SCHEDULE=off (tests call
 * `run`). Once across instances: every instance fires the scheduled moment, the one whose insert
 * of its `housekeeping_run` row goes in does the work, the others see the row and skip. Ages are
 * measured by the database's clock, the one all instances share.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Housekeeping');
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly exports: ExportService,
    private readonly imports: ImportService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.housekeeping.scheduled) return;
    this.registry.addCronJob(
      JOB,
      CronJob.from({
        cronTime: this.config.housekeeping.cron,
        timeZone: 'Europe/Moscow',
        onTick: () => {
          if (this.stopping || this.running) return;
          this.running = this.runSafely().finally(() => (this.running = undefined));
        },
        start: true,
      }),
    );
  }

  /** Stops the schedule and waits for a run in flight (it stops after its current batch). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.registry.doesExist('cron', JOB)) void this.registry.getCronJob(JOB).stop();
    await this.running;
  }

  /**
   * The run of the latest scheduled moment at or before `at`: what it deleted, or undefined when
   * another instance (or an earlier call) has taken that moment.
   */
  async run(at: Date = new Date()): Promise<HousekeepingDeleted | undefined> {
    const scheduledAt = lastRun(this.config.housekeeping.cron, at) ?? at;
    const runs = new HousekeepingRepository(this.dataSource.manager);
    if (!(await runs.claimRun(scheduledAt))) return undefined;
    const { lockMinutes, knownIpDays, attemptRetentionDays } = this.config.login;
    const deleted: HousekeepingDeleted = {
      login_attempt:
        (await this.deleteInBatches(runs, 'oldFailures', [attemptRetentionDays, lockMinutes])) +
        (await this.deleteInBatches(runs, 'oldSuccesses', [attemptRetentionDays, knownIpDays])),
      rate_limit_counter: await this.deleteInBatches(runs, 'endedWindows', []),
      housekeeping_run: await this.deleteInBatches(runs, 'oldRuns', [RUN_LOG_DAYS]),
      export_file: await this.exports.expire(),
      import_file: await this.imports.expireFiles(),
    };
    if (this.stopping) return deleted; // unfinished: the next run deletes the rest
    await runs.finishRun(scheduledAt, deleted);
    return deleted;
  }

  private async deleteInBatches(
    runs: HousekeepingRepository,
    deletion: HousekeepingDeletion,
    parameters: unknown[],
  ): Promise<number> {
    let deleted = 0;
    for (;;) {
      const count = await runs.deleteBatch(deletion, BATCH, parameters);
      deleted += count;
      if (count < BATCH || this.stopping) return deleted;
    }
  }

  private async runSafely(): Promise<void> {
    try {
      const deleted = await this.run();
      if (deleted) this.logger.log({ deleted }, 'Очистка служебных записей выполнена');
    } catch (error) {
      // The next scheduled moment goes on where this one stopped.
      this.logger.error({ err: error }, 'Очистка служебных записей не удалась');
    }
  }
}
