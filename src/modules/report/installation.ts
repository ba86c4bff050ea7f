import type { EntityManager } from 'typeorm';

/**
 * The date the CRM was installed — its departments were seeded — in Moscow time (null before
 * that). Nothing happened in it before: the schedule makes no reports of earlier periods.
 */
export async function installationDate(manager: EntityManager): Promise<string | null> {
  const [{ installed }] = (await manager.query(
    `SELECT (min(created_at) AT TIME ZONE 'Europe/Moscow')::date::text AS installed FROM department`,
  )) as { installed: string | null }[];
  return installed;
}
