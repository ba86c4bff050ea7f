import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import type { UserRole } from './entities/user.entity.js';
import { UserRepository, type DepartmentChoiceRow, type StaffRow } from './user.repository.js';

/** Who works leads, clients and deals (and may be their «Ответственный»): administrators and managers. */
export const CRM_STAFF_ROLES: readonly UserRole[] = ['admin', 'manager'];

/** Refuses (422 on `responsibleUserId`) anyone but an active administrator or manager. */
export async function refuseNonStaffResponsible(
  manager: EntityManager,
  userId: number | null | undefined,
): Promise<void> {
  if (userId === null || userId === undefined) return;
  if (!(await new UserRepository(manager).isActiveInRoles(userId, CRM_STAFF_ROLES))) {
    throw new DomainError('user.responsible_not_staff', 'Проверьте заполнение полей', {
      fields: { responsibleUserId: 'Выберите активного менеджера или администратора' },
    });
  }
}

/** The active administrators and managers, by name (the «Ответственный» choices), with their department. */
export async function crmStaff(manager: EntityManager): Promise<StaffRow[]> {
  return new UserRepository(manager).activeInRoles(CRM_STAFF_ROLES);
}

/** What a board's filters offer: the departments in their order, and the CRM staff. */
export async function boardChoices(manager: EntityManager): Promise<{
  departments: DepartmentChoiceRow[];
  staff: StaffRow[];
}> {
  const [departments, staff] = await Promise.all([
    new UserRepository(manager).departmentChoices(),
    crmStaff(manager),
  ]);
  return { departments, staff };
}
