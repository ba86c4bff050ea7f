import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { moscowToday } from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import { digestMail, overdueLeadMail, stuckClientMail } from './reminder-mail.js';
import {
  ReminderRepository,
  type DepartmentRow,
  type ItemFilter,
  type OverdueLeadRow,
  type StuckClientRow,
} from './reminder.repository.js';
import { WorkingCalendarService } from '../deadline/working-calendar.service.js';

/** The digest lists at most this many leads and clients each (with the totals). */
const DIGEST_LIST_LIMIT = 100;
/** Items that became overdue this long ago at most get their mail (an app down over a long weekend included). */
const OVERDUE_LOOKBACK_DAYS = 7;

/** The overdue mails one run of the item job writes at most per kind; the next run takes the rest. */
const ITEMS_PER_RUN = 500;

/**
 * Who is told that an item became overdue: its responsible manager, or — unassigned — its
 * department's managers, or its head when none are listed.
 */
function itemRecipients(
  responsibleEmail: string | null,
  department: Pick<DepartmentRow, 'managerEmails' | 'headEmail'> | undefined,
): string[] {
  if (responsibleEmail) return [responsibleEmail];
  if (!department) return [];
  if (department.managerEmails.length > 0) return department.managerEmails;
  return department.headEmail ? [department.headEmail] : [];
}

/**
 * The overdue reminders, through the outbox: the department heads' daily digest and a mail to the
 * responsible manager when an item becomes overdue. Each mail has a dedupe key, so a job run twice,
 * or by two instances at once, writes it once. Every job takes `now` (tests use a fixed clock).
 */
@Injectable()
export class ReminderService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly calendar: WorkingCalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A reminder that found nobody to go to goes to the addresses filled later (read from its key). */
  onModuleInit(): void {
    this.notifications.addressWith('overdue_digest', {
      recipients: async ({ dedupeKey }) => {
        const departmentId = /^digest:(\d+):/.exec(dedupeKey ?? '')?.[1];
        if (!departmentId) return undefined;
        const department = (await this.departments()).find((row) => row.id === Number(departmentId));
        return department?.headEmail ? { to: [department.headEmail], cc: [] } : undefined;
      },
    });
    this.notifications.addressWith('overdue_item', {
      recipients: async ({ dedupeKey }) => {
        const item = /^overdue:(lead|client):(\d+):/.exec(dedupeKey ?? '');
        if (!item) return undefined;
        const row = await this.reads().itemAddress(item[1] === 'lead' ? 'lead' : 'client', Number(item[2]));
        if (!row) return undefined;
        return {
          to: itemRecipients(row.responsibleEmail, {
            managerEmails: row.managerEmails ?? [],
            headEmail: row.headEmail,
          }),
          cc: [],
        };
      },
    });
  }

  /**
   * The digest of `now`'s day (Moscow) to each department head whose department has overdue leads
   * or stuck clients; nothing on a day off. Answers how many mails were written now.
   */
  async runDigest(now: Date): Promise<number> {
    const day = moscowToday(now);
    if (!(await this.calendar.isWorkingDay(day))) return 0;
    let written = 0;
    for (const department of await this.departments()) {
      const dedupeKey = `digest:${department.id}:${day}`;
      if (await this.exists([dedupeKey]).then((found) => found.size > 0)) continue;
      const leads = await this.overdueLeads({ departmentId: department.id, now, limit: DIGEST_LIST_LIMIT });
      const clients = await this.stuckClients({ departmentId: department.id, now, limit: DIGEST_LIST_LIMIT });
      const totals = { leads: leads[0]?.total ?? 0, clients: clients[0]?.total ?? 0 };
      if (totals.leads === 0 && totals.clients === 0) continue;
      const mail = digestMail({
        department,
        day,
        leads,
        clients,
        totals,
        publicUrl: this.config.http.publicUrl,
      });
      written += await this.enqueue(mail);
    }
    if (written > 0) this.dispatcher.kick();
    return written;
  }

  /**
   * A mail for each lead and client that became overdue by `now` (within the last week) and has not
   * had one for this deadline: to its responsible manager, or to the department's managers (its
   * head when none are listed) for an unassigned one. Answers how many mails were written now.
   */
  async runOverdueItems(now: Date): Promise<number> {
    const since = new Date(now.getTime() - OVERDUE_LOOKBACK_DAYS * 86_400_000);
    const departments = new Map((await this.departments()).map((department) => [department.id, department]));
    const recipients = (item: { responsibleEmail: string | null; departmentId: number | null }) =>
      itemRecipients(
        item.responsibleEmail,
        item.departmentId === null ? undefined : departments.get(item.departmentId),
      );
    const publicUrl = this.config.http.publicUrl;
    const mails = [
      ...(await this.overdueLeads({ since, now, unmailed: true, limit: ITEMS_PER_RUN })).map((lead) =>
        overdueLeadMail(lead, recipients(lead), publicUrl),
      ),
      ...(await this.stuckClients({ since, now, unmailed: true, limit: ITEMS_PER_RUN })).map((client) =>
        stuckClientMail(client, recipients(client), publicUrl),
      ),
    ];
    // The queries left out what was mailed; a race with another instance ends at the unique key.
    let written = 0;
    for (const mail of mails) written += await this.enqueue(mail);
    if (written > 0) this.dispatcher.kick();
    return written;
  }

  private async enqueue(mail: Parameters<NotificationService['enqueue']>[1]): Promise<number> {
    return (await this.notifications.enqueue(this.dataSource.manager, mail)) ? 1 : 0;
  }

  private async exists(keys: string[]): Promise<Set<string>> {
    return this.reads().existingDedupeKeys(keys);
  }

  private async departments(): Promise<DepartmentRow[]> {
    return this.reads().departments();
  }

  private async overdueLeads(filter: ItemFilter): Promise<OverdueLeadRow[]> {
    return this.reads().overdueLeads(filter);
  }

  private async stuckClients(filter: ItemFilter): Promise<StuckClientRow[]> {
    return this.reads().stuckClients(filter);
  }

  private reads(): ReminderRepository {
    return new ReminderRepository(this.dataSource.manager);
  }
}
