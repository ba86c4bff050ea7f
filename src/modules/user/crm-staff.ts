import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import type { UserRole } from './entities/user.entity.js';

/** Who works leads, clients and deals (and may be their «Ответственный»): administrators and managers. */
export const CRM_STAFF_ROLES: readonly UserRole[] = ['admin', 'manager'];

/** Refuses (422 on `responsibleUserId`) anyone but an active administrator or manager. */
export async function refuseNonStaffResponsible(
  manager: EntityManager,
  userId: number | null | undefined,
): Promise<void> {
  if (userId === null || userId === undefined) return;
  const [user] = (await manager.query(`SELECT 1 FROM app_user WHERE id = $1 AND active AND role = ANY($2)`, [
    userId,
    CRM_STAFF_ROLES,
  ])) as unknown[];
  if (!user) {
    throw new DomainError('user.responsible_not_staff', 'Проверьте заполнение полей', {
      fields: { responsibleUserId: 'Выберите активного менеджера или администратора' },
    });
  }
}

/** The active administrators and managers, by name (the «Ответственный» choices), with their department. */
export async function crmStaff(
  manager: EntityManager,
): Promise<{ id: number; name: string; departmentId: number | null }[]> {
  return (await manager.query(
    `SELECT id, full_name AS name, department_id AS "departmentId" FROM app_user
     WHERE active AND role = ANY($1) ORDER BY full_name`,
    [CRM_STAFF_ROLES],
  )) as { id: number; name: string; departmentId: number | null }[];
}

/** What a board's filters offer: the departments in their order, and the CRM staff. */
export async function boardChoices(manager: EntityManager): Promise<{
  departments: { id: number; name: string }[];
  staff: { id: number; name: string; departmentId: number | null }[];
}> {
  const [departments, staff] = await Promise.all([
    manager.query('SELECT id, name FROM department ORDER BY position, name') as Promise<
      { id: number; name: string }[]
    >,
    crmStaff(manager),
  ]);
  return { departments, staff };
}
