import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { moscowToday } from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { lastRun } from '../report/report.scheduler.js';
import { DeadlineService } from '../deadline/deadline.service.js';
import { ReminderService } from './reminder.service.js';

const TIME_ZONE = 'Europe/Moscow';
/**
 * The catch-ups at start wait a little: the first seconds belong to the start itself (and a stop
 * right after it finds nothing in flight).
 */
const START_DELAY_MS = 10_000;
/** Items become overdue at any minute: looked for every minute. */
const OVERDUE_ITEMS_CRON = '* * * * *';

/**
 * The workspace's schedule (@nestjs/schedule, Moscow time; REMINDER_SCHEDULE=off stops it all):
 * the digest at OVERDUE_DIGEST_CRON (09:00) on working days, the overdue mails every minute, and
 * the deadlines' background work (DeadlineService) every minute. At start, today's digest is made if its
 * time has passed and it is missing. ReminderService writes each mail once however many
 * instances run.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  /** The work in flight, awaited at shutdown before the database connections close. */
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly reminders: ReminderService,
    private readonly deadlines: DeadlineService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reminders.scheduled) return;
    // Deadlines follow a rules change within a minute; after the Deadlines migration, existing
    // rows get theirs in the background (started at once, resumed every minute).
    this.registry.addCronJob(
      'deadlines',
      CronJob.from({
        cronTime: OVERDUE_ITEMS_CRON,
        timeZone: TIME_ZONE,
        onTick: () => this.track(() => this.followDeadlines()),
        start: true,
      }),
    );
    setTimeout(() => this.track(() => this.followDeadlines()), START_DELAY_MS).unref();
    const schedule = (name: string, cronTime: string, run: (now: Date) => Promise<number>) => {
      const job = CronJob.from({
        cronTime,
        timeZone: TIME_ZONE,
        onTick: () => this.track(() => this.safely(name, () => run(new Date()))),
        start: true,
      });
      this.registry.addCronJob(name, job);
    };
    schedule('overdue-digest', this.config.reminders.digestCron, (now) => this.reminders.runDigest(now));
    schedule('overdue-items', OVERDUE_ITEMS_CRON, (now) => this.reminders.runOverdueItems(now));
    setTimeout(
      () => this.track(() => this.safely('overdue-digest-catch-up', () => this.catchUp(new Date()))),
      START_DELAY_MS,
    ).unref();
  }

  /** Today's digest, if its scheduled time today has passed (a start after 09:00 on a working day). */
  async catchUp(now: Date): Promise<number> {
    const fired = lastRun(this.config.reminders.digestCron, now);
    if (!fired || moscowToday(fired) !== moscowToday(now)) return 0;
    return this.reminders.runDigest(now);
  }

  /**
   * Stops the jobs and waits for the work in flight (the deadlines' background work stops after
   * its current batch) — a job's connection must not outlive the database at shutdown.
   */
  async beforeApplicationShutdown(): Promise<void> {
    for (const name of ['deadlines', 'overdue-digest', 'overdue-items']) {
      if (this.registry.doesExist('cron', name)) void this.registry.getCronJob(name).stop();
    }
    this.stopping = true;
    this.deadlines.stop();
    await Promise.all(this.running);
  }

  /** Starts a job's work unless the app is stopping, and keeps it until it ends. */
  private track(start: () => Promise<void>): void {
    if (this.stopping) return;
    const work = start();
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async followDeadlines(): Promise<void> {
    try {
      if (await this.deadlines.run()) this.logger.log('Сроки заполнены или пересчитаны');
    } catch (error) {
      this.logger.error({ err: error }, 'Сроки не пересчитаны; следующая попытка через минуту');
    }
  }

  private async safely(name: string, run: () => Promise<number>): Promise<void> {
    try {
      const written = await run();
      if (written > 0) this.logger.log({ run: name, mails: written }, 'Напоминания о просроченном записаны');
    } catch (error) {
      // The next tick tries again: a mail is written once whenever it is written.
      this.logger.error({ err: error, run: name }, 'Напоминания о просроченном не записаны');
    }
  }
}
