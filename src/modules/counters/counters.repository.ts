import type { EntityManager } from 'typeorm';

import { LIST_COUNT_CAP } from '../../common/list-count.js';

/** The three counts of a workspace: overdue leads, stuck clients, events planned for today. */
export interface CountRow {
  leads: number;
  clients: number;
  planned: number;
}

/** A department and how many addresses of each kind it has (the dashboard's warnings). */
export interface DepartmentAddresses {
  id: number;
  name: string;
  managers: number;
  committee: number;
  headEmail: string | null;
}

/** Everything, for an administrator; overdue leads and stuck clients counted up to LIST_COUNT_CAP + 1. */
export async function countEverything(manager: EntityManager, now: Date, today: string): Promise<CountRow> {
  const [row]: CountRow[] = await manager.query(
    // Counted up to LIST_COUNT_CAP + 1, as the lists count («более 10 000» past it).
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM lead WHERE due_at IS NOT NULL AND due_at <= $1
               LIMIT ${LIST_COUNT_CAP + 1}) capped)::int AS leads,
            (SELECT count(*) FROM (SELECT 1 FROM client WHERE stage_due_at IS NOT NULL AND stage_due_at <= $1
               LIMIT ${LIST_COUNT_CAP + 1}) capped)::int AS clients,
            (SELECT count(*) FROM history_event WHERE planned AND event_date = $2::date)::int AS planned`,
    [now, today],
  );
  return row;
}

/**
 * A manager's counts: overdue leads of their department that nobody took («Новый», unassigned) or
 * that are theirs; their clients past the stage's limit and the department's without a
 * responsible; their events planned for today.
 */
export async function countForManager(
  manager: EntityManager,
  user: { id: number; departmentId: number | null },
  now: Date,
  today: string,
): Promise<CountRow> {
  const [row]: CountRow[] = await manager.query(
    `SELECT (SELECT count(*) FROM lead WHERE department_id = $2 AND due_at <= $3
               AND responsible_user_id IS NULL AND status = 'new')::int
          + (SELECT count(*) FROM lead WHERE responsible_user_id = $1 AND due_at <= $3)::int AS leads,
            (SELECT count(*) FROM client WHERE responsible_user_id = $1 AND stage_due_at <= $3)::int
          + (SELECT count(*) FROM client WHERE department_id = $2 AND stage_due_at <= $3
               AND responsible_user_id IS NULL)::int AS clients,
            (SELECT count(*) FROM history_event WHERE planned AND user_id = $1 AND event_date = $4::date)::int AS planned`,
    [user.id, user.departmentId, now, today],
  );
  return row;
}

/** Every department with the number of its managers' and committee addresses, and its head's. */
export async function departmentAddresses(manager: EntityManager): Promise<DepartmentAddresses[]> {
  const rows: DepartmentAddresses[] = await manager.query(
    `SELECT id, name, cardinality(manager_emails)::int AS managers,
            cardinality(committee_emails)::int AS committee, head_email AS "headEmail"
     FROM department ORDER BY position, name`,
  );
  return rows;
}
