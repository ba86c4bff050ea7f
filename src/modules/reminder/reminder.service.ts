import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { moscowToday } from '../../common/moscow-date.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { NotificationDispatcher } from '../notification/notification.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import {
  digestMail,
  overdueLeadMail,
  stuckClientMail,
  type OverdueLead,
  type StuckClient,
} from './reminder-mail.js';
import { WorkingCalendarService } from '../deadline/working-calendar.service.js';

/** The digest lists at most this many leads and clients each (with the totals). */
const DIGEST_LIST_LIMIT = 100;
/** Items that became overdue this long ago at most get their mail (an app down over a long weekend included). */
const OVERDUE_LOOKBACK_DAYS = 7;

interface DepartmentRow {
  id: number;
  name: string;
  headEmail: string | null;
  managerEmails: string[];
}

interface Listed {
  responsibleEmail: string | null;
  /** How many matched in all (the list may stop at its limit). */
  total: number;
}
type OverdueLeadRow = OverdueLead & Listed & { departmentId: number | null };
type StuckClientRow = StuckClient & Listed & { departmentId: number };
interface ItemFilter {
  now: Date;
  departmentId?: number;
  since?: Date;
  limit?: number;
  /** Only items whose stay has had no overdue mail yet. */
  unmailed?: boolean;
}

/** The overdue mails one run of the item job writes at most per kind; the next run takes the rest. */
const ITEMS_PER_RUN = 500;

// One overdue mail per stay in a status / at a stage: the key names the item, where it is and
// since when (microseconds), so a recomputed deadline does not make a new mail.
const LEAD_EPISODE = `'overdue:lead:' || l.id || ':' || l.status || ':' || (extract(epoch FROM l.status_since) * 1000000)::bigint`;
const CLIENT_EPISODE = `'overdue:client:' || c.id || ':' || c.stage_id || ':' || (extract(epoch FROM c.stage_since) * 1000000)::bigint`;

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
        const table = item[1] === 'lead' ? 'lead' : 'client';
        const [row] = (await this.dataSource.query(
          `SELECT u.email AS "responsibleEmail", d.manager_emails AS "managerEmails", d.head_email AS "headEmail"
           FROM ${table} t LEFT JOIN app_user u ON u.id = t.responsible_user_id
             LEFT JOIN department d ON d.id = t.department_id
           WHERE t.id = $1`,
          [Number(item[2])],
        )) as { responsibleEmail: string | null; managerEmails: string[] | null; headEmail: string | null }[];
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
    if (keys.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      'SELECT dedupe_key AS key FROM notification WHERE dedupe_key = ANY($1::varchar[])',
      [keys],
    )) as { key: string }[];
    return new Set(rows.map((row) => row.key));
  }

  private async departments(): Promise<DepartmentRow[]> {
    return (await this.dataSource.query(
      `SELECT id, name, head_email AS "headEmail", manager_emails AS "managerEmails"
       FROM department ORDER BY position, id`,
    )) as DepartmentRow[];
  }

  /** Overdue leads of a department, or those whose deadline passed between `since` and `now`. */
  private async overdueLeads(filter: ItemFilter): Promise<OverdueLeadRow[]> {
    return (await this.dataSource.query(
      `SELECT l.id, l.company, l.name, l.status, u.full_name AS responsible, u.email AS "responsibleEmail",
              l.status_since AS since, l.due_at AS "dueAt", l.department_id AS "departmentId",
              ${LEAD_EPISODE} AS "episodeKey", (count(*) OVER ())::int AS total
       FROM lead l LEFT JOIN app_user u ON u.id = l.responsible_user_id
       WHERE l.due_at IS NOT NULL AND l.due_at <= $1
         AND ($2::int IS NULL OR l.department_id = $2) AND ($3::timestamptz IS NULL OR l.due_at > $3)
         AND NOT ($5 AND EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = ${LEAD_EPISODE}))
       ORDER BY l.due_at, l.id LIMIT $4`,
      [
        filter.now,
        filter.departmentId ?? null,
        filter.since ?? null,
        filter.limit ?? null,
        filter.unmailed ?? false,
      ],
    )) as OverdueLeadRow[];
  }

  /** Clients past their stage's limit in a department, or whose deadline passed between `since` and `now`. */
  private async stuckClients(filter: ItemFilter): Promise<StuckClientRow[]> {
    return (await this.dataSource.query(
      `SELECT c.id, c.company_name AS company, s.name AS stage, u.full_name AS responsible,
              u.email AS "responsibleEmail", c.stage_since AS since, c.stage_due_at AS "dueAt",
              c.department_id AS "departmentId", ${CLIENT_EPISODE} AS "episodeKey",
              (count(*) OVER ())::int AS total
       FROM client c JOIN stage s ON s.id = c.stage_id LEFT JOIN app_user u ON u.id = c.responsible_user_id
       WHERE c.stage_due_at IS NOT NULL AND c.stage_due_at <= $1
         AND ($2::int IS NULL OR c.department_id = $2) AND ($3::timestamptz IS NULL OR c.stage_due_at > $3)
         AND NOT ($5 AND EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = ${CLIENT_EPISODE}))
       ORDER BY c.stage_due_at, c.id LIMIT $4`,
      [
        filter.now,
        filter.departmentId ?? null,
        filter.since ?? null,
        filter.limit ?? null,
        filter.unmailed ?? false,
      ],
    )) as StuckClientRow[];
  }
}
