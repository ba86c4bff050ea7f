import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { CronExpressionParser } from 'cron-parser';
import type { DataSource } from 'typeorm';

import { moscowToday } from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { departmentNames, installationDate } from './repositories/report-departments.js';
import { weekBefore, yearPeriod } from './report-periods.js';
import { ReportService } from './report.service.js';

const TIME_ZONE = 'Europe/Moscow';
/** How far back a missed run is looked for at start (a year and a bit covers the annual one). */
const CATCH_UP_DAYS = 400;
/** How many missed weekly runs a catch-up makes (a longer outage leaves older weeks to a request). */
const CATCH_UP_RUNS = 5;
/** When the catch-up looks again: every hour, at a minute no report schedule is likely to use. */
const CATCH_UP_CRON = '17 * * * *';

/**
 * The report schedule (@nestjs/schedule, Moscow time): every Monday at 08:00 the committee reports
 * of the previous week for every department, on 2 January the annual statistics of the previous
 * year (both cron expressions configurable). Each run makes the reports of the latest scheduled
 * moment; a catch-up at start and every hour makes what missed or failed runs left undone (the
 * last five weekly runs); ReportService makes every report exactly once however many instances run.
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
    // Every hour, and right after start-up (so the app answers at once): make what a failed or
    // missed run left undone. Cheap when everything is there (one short transaction per report).
    schedule('reports-catch-up', CATCH_UP_CRON, (now) => this.catchUp(now));
    setTimeout(() => void this.safely('catch-up', () => this.catchUp(new Date())), 0).unref();
  }

  /** What the latest scheduled runs should have made by `now`: the committee and annual reports. */
  async runDue(now: Date): Promise<number> {
    return (await this.runCommittee(now)) + (await this.runAnnual(now));
  }

  /** The latest runs of both schedules (up to CATCH_UP_RUNS weekly ones), oldest first. */
  async catchUp(now: Date): Promise<number> {
    let made = 0;
    for (const fired of recentRuns(this.config.reports.committeeCron, now, CATCH_UP_RUNS).reverse()) {
      made += await this.runCommittee(fired, now);
    }
    return made + (await this.runAnnual(now));
  }

  /**
   * The committee reports of the latest scheduled run at or before `at` (one per department). A
   * department whose report fails does not stop the others; the failure is reported at the end
   * and the next catch-up tries again.
   */
  async runCommittee(at: Date, now = at): Promise<number> {
    const fired = lastRun(this.config.reports.committeeCron, at);
    if (!fired) return 0;
    const period = weekBefore(moscowToday(fired));
    if (await this.beforeInstallation(period.end)) return 0;
    const departments = await departmentNames(this.dataSource.manager);
    const failed: string[] = [];
    for (const department of departments) {
      try {
        await this.reports.ensure(
          { kind: 'committee', departmentId: department.id, period },
          { origin: 'schedule', deliver: true, now },
        );
      } catch (error) {
        failed.push(department.name);
        this.logger.error(
          { err: error, departmentId: department.id, period },
          'Отчёт комитета не сформирован',
        );
      }
    }
    if (failed.length > 0) throw new Error(`Не сформированы отчёты: ${failed.join(', ')}`);
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
    const installed = await installationDate(this.dataSource.manager);
    return installed !== null && periodEnd < installed;
  }

  private async safely(name: string, run: () => Promise<number>): Promise<void> {
    try {
      const made = await run();
      // Every start checks: news only when a report was made.
      if (made > 0) this.logger.log({ run: name, reports: made }, 'Плановые отчёты сформированы');
      else this.logger.debug({ run: name, reports: made }, 'Плановые отчёты проверены: новых нет');
    } catch (error) {
      // The next tick or start tries again: nothing was half-made (each report is one transaction).
      this.logger.error({ err: error, run: name }, 'Плановые отчёты не сформированы');
    }
  }
}

/** The latest moment ≤ now the cron expression fired (Moscow time), if within the catch-up window. */
export function lastRun(cron: string, now: Date): Date | undefined {
  return recentRuns(cron, now, 1)[0];
}

/** Up to `count` latest moments ≤ now the cron expression fired, newest first, within the catch-up window. */
export function recentRuns(cron: string, now: Date, count: number): Date[] {
  // A second later, so a run at exactly 08:00:00 counts its own moment.
  const expression = CronExpressionParser.parse(cron, {
    currentDate: new Date(now.getTime() + 1000),
    tz: TIME_ZONE,
  });
  const runs: Date[] = [];
  while (runs.length < count) {
    const previous = expression.prev().toDate();
    if (now.getTime() - previous.getTime() > CATCH_UP_DAYS * 86_400_000) break;
    runs.push(previous);
  }
  return runs;
}
