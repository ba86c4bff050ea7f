import type { EntityManager } from 'typeorm';

import type { OverdueLead, StuckClient } from './reminder-mail.js';

export interface DepartmentRow {
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
export type OverdueLeadRow = OverdueLead & Listed & { departmentId: number | null };
export type StuckClientRow = StuckClient & Listed & { departmentId: number };

/** Who an overdue lead's or client's mail may go to now. */
export interface ItemAddressRow {
  responsibleEmail: string | null;
  managerEmails: string[] | null;
  headEmail: string | null;
}

export interface ItemFilter {
  now: Date;
  departmentId?: number;
  since?: Date;
  limit?: number;
  /** Only items whose stay has had no overdue mail yet. */
  unmailed?: boolean;
}

// One overdue mail per stay in a status / at a stage: the key names the item, where it is and
// since when (microseconds), so a recomputed deadline does not make a new mail.
const LEAD_EPISODE = `'overdue:lead:' || l.id || ':' || l.status || ':' || (extract(epoch FROM l.status_since) * 1000000)::bigint`;
const CLIENT_EPISODE = `'overdue:client:' || c.id || ':' || c.stage_id || ':' || (extract(epoch FROM c.stage_since) * 1000000)::bigint`;

/** The reminders' reads, on the caller's manager. */
export class ReminderRepository {
  constructor(private readonly manager: EntityManager) {}

  async departments(): Promise<DepartmentRow[]> {
    return this.manager.query(
      `SELECT id, name, head_email AS "headEmail", manager_emails AS "managerEmails"
       FROM department ORDER BY position, id`,
    );
  }

  /** The addresses of an overdue lead's or client's responsible manager and department. */
  async itemAddress(kind: 'lead' | 'client', id: number): Promise<ItemAddressRow | undefined> {
    const table = kind === 'lead' ? 'lead' : 'client';
    const rows: ItemAddressRow[] = await this.manager.query(
      `SELECT u.email AS "responsibleEmail", d.manager_emails AS "managerEmails", d.head_email AS "headEmail"
       FROM ${table} t LEFT JOIN app_user u ON u.id = t.responsible_user_id
         LEFT JOIN department d ON d.id = t.department_id
       WHERE t.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The dedupe keys among `keys` that some notification already has. */
  async existingDedupeKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { key: string }[] = await this.manager.query(
      'SELECT dedupe_key AS key FROM notification WHERE dedupe_key = ANY($1::varchar[])',
      [keys],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** Overdue leads of a department, or those whose deadline passed between `since` and `now`. */
  async overdueLeads(filter: ItemFilter): Promise<OverdueLeadRow[]> {
    return this.manager.query(
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
    );
  }

  /** Clients past their stage's limit in a department, or whose deadline passed between `since` and `now`. */
  async stuckClients(filter: ItemFilter): Promise<StuckClientRow[]> {
    return this.manager.query(
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
    );
  }
}
