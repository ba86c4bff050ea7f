import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { CronExpressionParser } from 'cron-parser';
import type { DataSource } from 'typeorm';

import { moscowToday } from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { weekBefore, yearPeriod } from './report-periods.js';
import { ReportService } from './report.service.js';

const TIME_ZONE = 'Europe/Moscow';
/** How far back a missed run is looked for at start (a year and a bit covers the annual one). */
const CATCH_UP_DAYS = 400;

/**
 * The report schedule (@nestjs/schedule, Moscow time): every Monday at 08:00 the committee reports
 * of the previous week for every department, on 2 January the annual statistics of the previous
 * year (both cron expressions configurable). Each run makes the reports of the latest scheduled
 * moment, so a run the app missed while it was down is made at the next start; ReportService
 * makes every report exactly once however many instances run.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportSchedule');

  constructor(
    private readonly reports: ReportService,
    private readonly registry: SchedulerRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reports.scheduled) return;
    const schedule = (name: string, cronTime: string, run: (now: Date) => Promise<number>) => {
      const job = CronJob.from({
        cronTime,
        timeZone: TIME_ZONE,
        onTick: () => void this.safely(name, () => run(new Date())),
        start: true,
      });
      this.registry.addCronJob(name, job);
    };
    schedule('committee-reports', this.config.reports.committeeCron, (now) => this.runCommittee(now));
    schedule('annual-report', this.config.reports.annualCron, (now) => this.runAnnual(now));
    // Catch up on a run missed while the app was down (after start-up, so the app answers at once).
    setTimeout(() => void this.safely('catch-up', () => this.runDue(new Date())), 0).unref();
  }

  /** Everything the schedule should have made by `now`: the latest committee and annual runs. */
  async runDue(now: Date): Promise<number> {
    return (await this.runCommittee(now)) + (await this.runAnnual(now));
  }

  /** The committee reports of the latest scheduled Monday before `now` (one per department). */
  async runCommittee(now: Date): Promise<number> {
    const fired = lastRun(this.config.reports.committeeCron, now);
    if (!fired) return 0;
    const period = weekBefore(moscowToday(fired));
    if (await this.beforeInstallation(period.end)) return 0;
    const departments = (await this.dataSource.query('SELECT id FROM department ORDER BY position, id')) as {
      id: number;
    }[];
    for (const department of departments) {
      await this.reports.ensure(
        { kind: 'committee', departmentId: department.id, period },
        { origin: 'schedule', deliver: true, now },
      );
    }
    return departments.length;
  }

  /** The annual statistics of the year before the latest scheduled run. */
  async runAnnual(now: Date): Promise<number> {
    const fired = lastRun(this.config.reports.annualCron, now);
    if (!fired) return 0;
    const year = Number(moscowToday(fired).slice(0, 4)) - 1;
    if (await this.beforeInstallation(`${year}-12-31`)) return 0;
    await this.reports.ensure(
      { kind: 'annual', departmentId: null, period: yearPeriod(year) },
      { origin: 'schedule', deliver: true, now },
    );
    return 1;
  }

  /**
   * A period that ended before the CRM was installed (its departments were seeded) has nothing to
   * report: the first start does not mail the committees empty reports of last week and last year.
   */
  private async beforeInstallation(periodEnd: string): Promise<boolean> {
    const [{ installed }] = (await this.dataSource.query(
      `SELECT (min(created_at) AT TIME ZONE 'Europe/Moscow')::date::text AS installed FROM department`,
    )) as { installed: string | null }[];
    return installed !== null && periodEnd < installed;
  }

  private async safely(name: string, run: () => Promise<number>): Promise<void> {
    try {
      const made = await run();
      this.logger.log({ run: name, reports: made }, 'Scheduled reports checked');
    } catch (error) {
      // The next tick or start tries again: nothing was half-made (each report is one transaction).
      this.logger.error({ err: error, run: name }, 'Scheduled reports failed');
    }
  }
}

/** The latest moment ≤ now the cron expression fired (Moscow time), if within the catch-up window. */
export function lastRun(cron: string, now: Date): Date | undefined {
  // A second later, so a run at exactly 08:00:00 counts its own moment.
  const expression = CronExpressionParser.parse(cron, {
    currentDate: new Date(now.getTime() + 1000),
    tz: TIME_ZONE,
  });
  const previous = expression.prev().toDate();
  return now.getTime() - previous.getTime() <= CATCH_UP_DAYS * 86_400_000 ? previous : undefined;
}
