import type { ActionContext, ResourceOptions } from 'adminjs';

import type { UserRole } from '../modules/user/entities/user.entity.js';

/** Who may do what in the back-office; the README's access table says the same in words. */
export const allow =
  (...roles: UserRole[]) =>
  ({ currentAdmin }: Pick<ActionContext, 'currentAdmin'>) =>
    roles.includes(currentAdmin?.role as UserRole);

/**
 * Dictionaries and users: administrators do everything. Managers may only search them — the
 * search action is what the record selects of CRM forms call — and cannot open lists, records
 * or change anything. Committee members have no access.
 */
export function administratorOnlyActions(): NonNullable<ResourceOptions['actions']> {
  const admin = allow('admin');
  return {
    list: { isAccessible: admin },
    show: { isAccessible: admin },
    new: { isAccessible: admin },
    edit: { isAccessible: admin },
    delete: { isAccessible: admin },
    bulkDelete: { isAccessible: admin },
    search: { isAccessible: allow('admin', 'manager') },
  };
}

/** A log people read but never write: only administrators see it, nobody edits it. */
export function readOnlyAdministratorActions(): NonNullable<ResourceOptions['actions']> {
  const admin = allow('admin');
  const nobody = () => false;
  return {
    list: { isAccessible: admin },
    show: { isAccessible: admin },
    search: { isAccessible: admin },
    new: { isAccessible: nobody },
    edit: { isAccessible: nobody },
    delete: { isAccessible: nobody },
    bulkDelete: { isAccessible: nobody },
  };
}
