import type { EntityManager } from 'typeorm';

import type { LeadStatus } from './lead-transitions.js';

/** Whose leads the board shows: one department and/or one responsible manager, or all. */
export interface LeadBoardFilter {
  departmentId: number | null;
  responsibleUserId: number | null;
}

/** One card of a column as read, with its place in the column's order. */
export interface LeadCardRow {
  id: number;
  version: number;
  status: LeadStatus;
  company: string | null;
  name: string | null;
  objectType: string | null;
  department: string | null;
  departmentId: number | null;
  responsible: string | null;
  createdAt: Date;
  dueAt: Date | null;
  /** created_at as PostgreSQL prints it (microseconds kept), for the next page's cursor. */
  position: string;
}

export interface LeadColumnQuery {
  status: LeadStatus;
  filter: LeadBoardFilter;
  ascending: boolean;
  /** Rows after this place in the column's order (created_at as text, id). */
  after: { position: string; id: number } | null;
  limit: number;
}

/**
 * «Лиды — канбан»'s reads, in an order an index serves (lead (department_id, status, created_at) or
 * (status, created_at)), on the caller's manager.
 */
export class LeadBoardRepository {
  constructor(private readonly manager: EntityManager) {}

  async columnPage(query: LeadColumnQuery): Promise<LeadCardRow[]> {
    const { conditions, values } = where(query.status, query.filter);
    if (query.after !== null) {
      values.push(query.after.position, query.after.id);
      conditions.push(
        `(l.created_at, l.id) ${query.ascending ? '>' : '<'} ($${values.length - 1}::timestamptz, $${values.length})`,
      );
    }
    const direction = query.ascending ? 'ASC' : 'DESC';
    return this.manager.query(
      `SELECT l.id, l.version, l.status, l.company, l.name, ot.name AS "objectType", d.name AS department,
              l.department_id AS "departmentId", u.full_name AS responsible, l.created_at AS "createdAt",
              l.due_at AS "dueAt",
              l.created_at::text AS position
       FROM lead l
       LEFT JOIN object_type ot ON ot.id = l.object_type_id
       LEFT JOIN department d ON d.id = l.department_id
       LEFT JOIN app_user u ON u.id = l.responsible_user_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY l.created_at ${direction}, l.id ${direction}
       LIMIT ${Number(query.limit)}`,
      values,
    );
  }

  /** Leads in the column, counted up to `cap`. */
  async columnCount(status: LeadStatus, filter: LeadBoardFilter, cap: number): Promise<number> {
    const { conditions, values } = where(status, filter);
    const [row]: { count: number }[] = await this.manager.query(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM lead l WHERE ${conditions.join(' AND ')} LIMIT ${Number(cap)}) capped`,
      values,
    );
    return row.count;
  }

  /** What a move is checked against: the lead's status and department (undefined: no such lead). */
  async moveState(leadId: number): Promise<{ status: LeadStatus; departmentId: number | null } | undefined> {
    const rows: { status: LeadStatus; departmentId: number | null }[] = await this.manager.query(
      'SELECT status, department_id AS "departmentId" FROM lead WHERE id = $1',
      [leadId],
    );
    return rows[0];
  }
}

function where(status: LeadStatus, filter: LeadBoardFilter): { conditions: string[]; values: unknown[] } {
  const conditions = ['l.status = $1'];
  const values: unknown[] = [status];
  if (filter.departmentId !== null) {
    values.push(filter.departmentId);
    conditions.push(`l.department_id = $${values.length}`);
  }
  if (filter.responsibleUserId !== null) {
    values.push(filter.responsibleUserId);
    conditions.push(`l.responsible_user_id = $${values.length}`);
  }
  return { conditions, values };
}
