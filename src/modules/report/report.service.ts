import { availableParallelism } from 'node:os';

import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pLimit from 'p-limit';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { moscowToday } from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import type { ReportData } from './documents/report-data.js';
import { renderInWorker } from './documents/pdf-renderer.js';
import type { SessionUser } from '../auth/auth.service.js';
import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import { loadAnnualData } from './repositories/annual-data.js';
import { loadCommitteeData } from './repositories/committee-data.js';
import { loadDepartmentWeek, type DepartmentWeek } from './repositories/department-week.js';
import { reportFileName, reportLabels, reportMail } from './report-mail.js';
import {
  findReportDepartment,
  findReportDownload,
  insertReport,
  lockReport,
  markScheduled,
  reportMailStates,
  saveReportFile,
  setLockWait,
} from './repositories/report-archive.js';
import { committeeEmails, departmentName, departmentNames } from './repositories/report-departments.js';
import { parseReportRequest } from './report-request.js';
import { addDays, weekBefore, weekOf } from './report-periods.js';
import type { ReportOrigin } from './entities/report.entity.js';
import type { ReportKey } from './report-key.js';
import { canReadReport, needsBuild, orderableKinds, type ReportDelivery } from './report-transitions.js';

export type { ReportKey } from './report-key.js';

export interface ReportFileContent {
  fileName: string;
  content: Buffer;
}

/** How long a report waits for another request building the same one before giving up. */
const LOCK_WAIT_SECONDS = 120;
const BUSY = 'Этот отчёт сейчас формируется по другому запросу — повторите через несколько секунд.';

/**
 * Reports (docs/product.md §6): builds a report from SQL aggregates, renders its PDF in a worker thread,
 * archives it and — for scheduled reports — mails it to the committee through the outbox.
 *
 * One report per kind, department and period, whatever the number of app instances: the report
 * row is inserted under its unique key and locked while it is built, in one REPEATABLE READ
 * transaction; whoever comes second waits, fails to serialize, starts again and finds it done. If
 * the app dies midway, the transaction rolls back and the next run makes it.
 */
@Injectable()
export class ReportService implements OnModuleInit {
  private readonly logger = new Logger('Reports');
  private readonly builds = pLimit(Math.max(1, availableParallelism()));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly dispatcher: NotificationDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A report mail that found no committee addresses goes to the ones listed later. */
  onModuleInit(): void {
    this.notifications.addressWith('report', {
      recipients: ({ reportId }) =>
        reportId === null ? Promise.resolve(undefined) : this.currentRecipients(reportId),
    });
  }

  /**
   * Makes sure the report exists and is current, and — with `deliver` — that its mail to the
   * committee is in the outbox. A report is (re)built when it has no PDF yet, or when its PDF was
   * built before its period ended (the figures could still change) and more than a minute ago.
   * Returns the report's id.
   */
  async ensure(
    key: ReportKey,
    options: { origin: ReportOrigin; deliver: boolean; actor?: SessionUser | null; now?: Date },
  ): Promise<number> {
    const now = options.now ?? new Date();
    let mailQueued = false;
    // At most as many reports are built at once as there are cores; the others wait their turn
    // before they take a database connection.
    const id = await this.builds(() =>
      this.serializable(async (manager) => {
        await setLockWait(manager, LOCK_WAIT_SECONDS);
        // Look first: the hourly catch-up finds most reports there and writes nothing.
        let report = await lockReport(manager, key);
        if (!report) {
          await insertReport(manager, key, options.origin, options.actor?.id ?? null);
          report = (await lockReport(manager, key))!;
        }
        if (needsBuild(report, now)) await this.build(manager, report.id, key, now);
        if (options.deliver && !report.mailed) {
          // A report first made on request becomes the scheduled one once the schedule mails it.
          await markScheduled(manager, report.id);
          const to = await committeeEmails(manager, key.departmentId);
          const mail = reportMail(
            key,
            await this.labels(manager, key),
            report.id,
            to,
            this.config.http.publicUrl,
          );
          await this.notifications.enqueue(manager, mail);
          mailQueued = true;
        }
        return report.id;
      }),
    );
    if (mailQueued) this.dispatcher.kick();
    return id;
  }

  /**
   * «Сформировать отчёт» on request: the archived PDF when the period had ended before it was built
   * (its figures are final), otherwise a fresh one. Not mailed: the schedule mails the committee.
   */
  async request(input: Record<string, unknown>, actor: SessionUser): Promise<number> {
    const key = parseReportRequest(input, actor);
    if (key.departmentId !== null) {
      if ((await departmentName(this.dataSource.manager, key.departmentId)) === undefined) {
        throw new DomainError('report.department_not_found', 'Проверьте параметры отчёта', {
          fields: { departmentId: 'Такого департамента нет' },
        });
      }
    }
    return this.ensure(key, { origin: 'demand', deliver: false, actor });
  }

  /** What «Сформировать отчёт» offers this person: the departments they may choose, and defaults. */
  async requestChoices(user: SessionUser, now = new Date()) {
    const departments = await departmentNames(
      this.dataSource.manager,
      user.role === 'admin' ? null : (user.departmentId ?? 0),
    );
    const lastWeek = weekBefore(moscowToday(now));
    return {
      departments,
      kinds: orderableKinds(user.role),
      defaults: {
        departmentId: user.departmentId ?? departments[0]?.id ?? null,
        periodStart: lastWeek.start,
        periodEnd: lastWeek.end,
        year: Number(moscowToday(now).slice(0, 4)) - 1,
      },
    };
  }

  /** A department's figures from Monday to today (a manager's home page): the key figures and charts. */
  async currentWeek(departmentId: number, now = new Date()): Promise<DepartmentWeek> {
    const today = moscowToday(now);
    const period = { start: weekOf(today).start, end: today };
    // Compared with the same days of last week.
    const previous = { start: addDays(period.start, -7), end: addDays(today, -7) };
    return this.inSnapshot((manager) => loadDepartmentWeek(manager, departmentId, period, previous));
  }

  /** The PDF of a report, for someone allowed to read it. */
  async download(reportId: number, user: SessionUser): Promise<ReportFileContent> {
    const row = await findReportDownload(this.dataSource.manager, reportId);
    if (!row) throw new DomainError('report.not_found', 'Отчёт не найден', { status: 404 });
    if (!canReadReport(user, row))
      throw new DomainError('report.read_forbidden', 'Недостаточно прав для этого отчёта', { status: 403 });
    return { fileName: row.fileName, content: row.content };
  }

  /** «Рассылка» of each report: not mailed (made on request), waiting, or sent. */
  async deliveryStates(reportIds: number[]): Promise<Map<number, ReportDelivery>> {
    const rows = await reportMailStates(this.dataSource.manager, reportIds);
    const states = new Map<number, ReportDelivery>(reportIds.map((id) => [id, 'none']));
    for (const row of rows) states.set(row.reportId, row.state);
    return states;
  }

  private async build(manager: EntityManager, reportId: number, key: ReportKey, now: Date): Promise<void> {
    const started = performance.now();
    const data = await this.loadData(manager, key, now);
    const pdf = await renderInWorker(data);
    const buildMs = Math.round(performance.now() - started);
    const fileName = reportFileName(key, await this.labels(manager, key));
    await saveReportFile(manager, reportId, { fileName, content: pdf, generatedAt: now, buildMs });
    this.logger.log({ reportId, kind: key.kind, buildMs, bytes: pdf.length }, 'Отчёт сформирован');
  }

  private async labels(manager: EntityManager, key: ReportKey) {
    const name = key.departmentId === null ? undefined : await departmentName(manager, key.departmentId);
    return reportLabels(key, name);
  }

  /** The figures, read in one snapshot so that every table of the report agrees with the others. */
  private async loadData(manager: EntityManager, key: ReportKey, now: Date): Promise<ReportData> {
    return key.kind === 'committee'
      ? { kind: 'committee', data: await loadCommitteeData(manager, key.departmentId!, key.period, now) }
      : { kind: 'annual', data: await loadAnnualData(manager, Number(key.period.start.slice(0, 4)), now) };
  }

  /**
   * A REPEATABLE READ transaction on one connection: the report's figures come from one snapshot
   * (every table agrees with the others) and it never waits for a second connection from the pool.
   * A concurrent maker of the same report commits first and makes this one fail to serialize:
   * it starts again and finds the report made.
   */
  private async serializable<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction('REPEATABLE READ', work);
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        // 40001: another request made this report meanwhile (try again, it is probably done);
        // 55P03: it has been building it for longer than the lock wait.
        if (code === '40001' && attempt < 5) continue;
        if (code === '40001' || code === '55P03') throw new DomainError('report.busy', BUSY, { status: 409 });
        throw error;
      }
    }
  }

  private async inSnapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const data = await read(runner.manager);
      await runner.commitTransaction();
      return data;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Who gets a report's mail now: its department's committee, or every committee for the annual statistics. */
  async currentRecipients(reportId: number): Promise<{ to: string[]; cc: string[] } | undefined> {
    const report = await findReportDepartment(this.dataSource.manager, reportId);
    if (!report) return undefined;
    return { to: await committeeEmails(this.dataSource.manager, report.departmentId), cc: [] };
  }
}
