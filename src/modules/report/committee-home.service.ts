import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { moscowToday } from '../../common/moscow-date.js';
import type { Period } from './documents/report-data.js';
import type { SessionUser } from '../auth/auth.service.js';
import {
  annualReportOf,
  committeeDepartments,
  latestAnnualReport,
  latestWeeklyReports,
  loadWeekFigures,
  reportsOfPeriod,
  type ArchivedReport,
  type DepartmentName,
  type WeekFigures,
} from './repositories/committee-home-data.js';
import { installationDate } from './repositories/report-departments.js';
import { addDays, previousPeriod, weekBefore, weekOf, yearPeriod } from './report-periods.js';
import { ReportService } from './report.service.js';
import { needsBuild } from './report-transitions.js';

export interface CommitteeHome {
  /** The week the figures are about: the last finished one, or — in the week of installation — this one. */
  week: Period;
  /** The week is still running: its figures run to today, and its report is rebuilt as it goes. */
  running: boolean;
  departments: (DepartmentName & { report: ArchivedReport | null; figures: WeekFigures })[];
  annual: ArchivedReport | null;
}

/**
 * A committee member's home page: the latest weekly report of each of their departments (a PDF a
 * click away) and the week's key figures.
 *
 * The reports exist on a new installation too. The home is about the last finished week, whose
 * report the Monday run makes; when it is missing (the run has not come yet, or failed), opening the
 * home makes it the way «Сформировать отчёт» does (ReportService.ensure: on request, not mailed).
 * A CRM installed after that week ended has nothing in it: the home is then about the week of
 * installation, whose report is made on the first visit with the figures so far, rebuilt on later
 * visits (at most once a minute, as any report of a running period) and completed and mailed by
 * the next Monday run — the same report, as ensure makes one per department and period however
 * many visits and instances ask at once. Likewise, in the CRM's first year, the annual statistics
 * of the year so far.
 */
@Injectable()
export class CommitteeHomeService {
  private readonly logger = new Logger('CommitteeHome');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportService,
  ) {}

  async load(member: SessionUser, now = new Date()): Promise<CommitteeHome> {
    const manager = this.dataSource.manager;
    const departments = await committeeDepartments(manager, member);
    const ids = departments.map((department) => department.id);
    const today = moscowToday(now);
    const lastWeek = weekBefore(today);
    const installed = await installationDate(manager);
    const running = installed !== null && lastWeek.end < installed;
    const week = running ? weekOf(today) : lastWeek;
    await this.makeMissingReports(ids, week, member, now);
    await this.makeFirstAnnual(installed, today, member, now);

    // Figures of a running week: Monday to today, against the same days of the week before.
    const period = running ? { start: week.start, end: today } : week;
    const previous = running
      ? { start: addDays(week.start, -7), end: addDays(today, -7) }
      : previousPeriod(week);
    const [reports, annual, figures] = await Promise.all([
      latestWeeklyReports(manager, ids, week.end),
      latestAnnualReport(manager),
      loadWeekFigures(manager, ids, period, previous),
    ]);
    return {
      week,
      running,
      departments: departments.map((department) => ({
        ...department,
        report: reports.find((report) => report.departmentId === department.id) ?? null,
        figures: figures.find((row) => row.departmentId === department.id)!,
      })),
      annual,
    };
  }

  /**
   * In the CRM's first year, the annual statistics of the year so far (the schedule makes a year's
   * on 2 January of the next): made on the first visit, rebuilt on later ones at most once a minute.
   */
  private async makeFirstAnnual(
    installed: string | null,
    today: string,
    member: SessionUser,
    now: Date,
  ): Promise<void> {
    const year = Number(today.slice(0, 4));
    if (installed === null || `${year - 1}-12-31` >= installed) return;
    const period = yearPeriod(year);
    const existing = await annualReportOf(this.dataSource.manager, period);
    if (existing && !needsBuild({ ...existing, periodEnd: period.end }, now)) return;
    try {
      await this.reports.ensure(
        { kind: 'annual', departmentId: null, period },
        { origin: 'demand', deliver: false, actor: member, now },
      );
    } catch (error) {
      this.logger.error({ err: error, period }, 'Годовая статистика не сформирована');
    }
  }

  /**
   * The week's report of each department, where it is missing or out of date. A failure leaves
   * the home with the reports there are (the schedule's catch-up tries again).
   */
  private async makeMissingReports(
    departmentIds: number[],
    week: Period,
    member: SessionUser,
    now: Date,
  ): Promise<void> {
    const existing = await reportsOfPeriod(this.dataSource.manager, departmentIds, week);
    const wanted = departmentIds.filter((id) => {
      const report = existing.find((row) => row.departmentId === id);
      return !report || needsBuild({ ...report, periodEnd: week.end }, now);
    });
    const results = await Promise.allSettled(
      wanted.map((departmentId) =>
        this.reports.ensure(
          { kind: 'committee', departmentId, period: week },
          { origin: 'demand', deliver: false, actor: member, now },
        ),
      ),
    );
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        this.logger.error(
          { err: result.reason, departmentId: wanted[index], week },
          'Отчёт комитета не сформирован',
        );
      }
    });
  }
}
