import type { EntityManager } from 'typeorm';

/** The department reads the reports need: names, committee addresses, and the installation date. */

export interface DepartmentName {
  id: number;
  name: string;
}

/** Every department in the order of the dictionary, or only `onlyId` when given. */
export async function departmentNames(
  manager: EntityManager,
  onlyId: number | null = null,
): Promise<DepartmentName[]> {
  return manager.query(
    `SELECT id, name FROM department WHERE $1::int IS NULL OR id = $1 ORDER BY position, name, id`,
    [onlyId],
  );
}

/** A department's name, if there is such a department. */
export async function departmentName(
  manager: EntityManager,
  departmentId: number,
): Promise<string | undefined> {
  const rows: { name: string }[] = await manager.query('SELECT name FROM department WHERE id = $1', [
    departmentId,
  ]);
  return rows[0]?.name;
}

/** The committee's addresses: the department's, or every committee's for the annual statistics. */
export async function committeeEmails(
  manager: EntityManager,
  departmentId: number | null,
): Promise<string[]> {
  const rows: { email: string }[] = await manager.query(
    `SELECT DISTINCT unnest(committee_emails) AS email FROM department
     WHERE $1::int IS NULL OR id = $1 ORDER BY 1`,
    [departmentId],
  );
  return rows.map((row) => row.email);
}

/**
 * The date the CRM was installed — its departments were seeded — in Moscow time (null before
 * that). Nothing happened in it before: the schedule makes no reports of earlier periods.
 */
export async function installationDate(manager: EntityManager): Promise<string | null> {
  const [{ installed }]: { installed: string | null }[] = await manager.query(
    `SELECT (min(created_at) AT TIME ZONE 'Europe/Moscow')::date::text AS installed FROM department`,
  );
  return installed;
}
