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
import { LeadRepository } from './lead.repository.js';

/** Every hour, at a minute the other schedules do not use. */
const PURGE_CRON = '23 * * * *';
/** Drafts one statement deletes: a short transaction, whatever has piled up. */
const BATCH = 1_000;
const DAY_MS = 86_400_000;

/**
 * The public form autosaves what a visitor types before they consent (152-ФЗ): a draft nobody
 * sent and nobody changed for DRAFT_RETENTION_DAYS (30) is deleted, with its status rows
 * (cascade) and its audit entries (they hold the same personal data). The form says so under
 * its fields. Drafts taken into work, manual drafts (calls) and every submitted lead are kept.
 *
 * Hourly unless DRAFT_RETENTION_SCHEDULE=off (tests call `purge` with their own clock). Safe with
 * several instances: each batch deletes the rows it could lock (SKIP LOCKED), so two instances at
 * once delete different drafts, and a draft a visitor is saving right now is left for the next run.
 */
@Injectable()
export class DraftRetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DraftRetention');
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.drafts.purgeScheduled) return;
    this.registry.addCronJob(
      'draft-retention',
      CronJob.from({
        cronTime: PURGE_CRON,
        timeZone: 'Europe/Moscow',
        onTick: () => {
          if (this.stopping || this.running) return;
          this.running = this.purgeSafely().finally(() => (this.running = undefined));
        },
        start: true,
      }),
    );
  }

  /** Stops the schedule and waits for a purge in flight (it stops after its current batch). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.registry.doesExist('cron', 'draft-retention')) {
      void this.registry.getCronJob('draft-retention').stop();
    }
    await this.running;
  }

  /** Deletes the drafts whose retention ran out by `now`, a batch at a time; answers how many. */
  async purge(now: Date = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.drafts.retentionDays * DAY_MS);
    let deleted = 0;
    for (;;) {
      const count = await new LeadRepository(this.dataSource.manager).deleteExpiredDrafts(before, BATCH);
      deleted += count;
      if (count < BATCH || this.stopping) return deleted;
    }
  }

  private async purgeSafely(): Promise<void> {
    try {
      const deleted = await this.purge();
      if (deleted > 0) this.logger.log({ deleted }, 'Удалены неотправленные черновики старше срока хранения');
    } catch (error) {
      // The next hour tries again.
      this.logger.error({ err: error }, 'Неотправленные черновики не удалены');
    }
  }
}
