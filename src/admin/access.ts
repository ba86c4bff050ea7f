import type { ActionContext, ResourceOptions } from 'adminjs';

import { mayChange, type DepartmentAccessor } from '../modules/user/department-access.js';
import type { UserRole } from '../modules/user/entities/user.entity.js';
import { titleSearch } from './title-search.js';

/** Who may do what in the back-office; the README's access table says the same in words. */
export const allow =
  (...roles: UserRole[]) =>
  ({ currentAdmin }: Pick<ActionContext, 'currentAdmin'>) =>
    roles.includes(currentAdmin?.role as UserRole);

/**
 * Shows a record's change actions only to those who may change it (a manager: records of their
 * own department — see department-access.ts; the services refuse the others anyway), combined
 * with the action's own condition.
 */
export function whenMayChange(
  condition: (context: ActionContext) => boolean = () => true,
): (context: ActionContext) => boolean {
  return (context) => {
    if (!condition(context)) return false;
    const departmentId = context.record?.params.departmentId;
    const user = context.currentAdmin as Partial<DepartmentAccessor> | undefined;
    return mayChange(
      user?.role ? { role: user.role, departmentId: user.departmentId ?? null } : undefined,
      departmentId === undefined || departmentId === null || departmentId === ''
        ? null
        : Number(departmentId),
    );
  };
}

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
    search: titleSearch(allow('admin', 'manager')),
  };
}

/**
 * Records the given roles read but nobody writes through AdminJS's generic forms (logs, or records
 * that change only through service actions).
 */
export function readOnlyActions(isAccessible: (context: ActionContext) => boolean) {
  const nobody = () => false;
  return {
    list: { isAccessible },
    show: { isAccessible },
    search: titleSearch(isAccessible),
    new: { isAccessible: nobody },
    edit: { isAccessible: nobody },
    delete: { isAccessible: nobody },
    bulkDelete: { isAccessible: nobody },
  };
}

/** A log people read but never write: only administrators see it. */
export function readOnlyAdministratorActions() {
  return readOnlyActions(allow('admin'));
}

const STANDARD_ACTIONS = ['list', 'show', 'new', 'edit', 'delete', 'bulkDelete', 'search'] as const;

/**
 * AdminJS lets every logged-in user run an action that says nothing about access. Here an action
 * that does not say who may run it is for administrators only — a new resource is closed until
 * its definition opens it.
 */
export function closedByDefault(options: ResourceOptions): ResourceOptions {
  type AnyAction = { isAccessible?: unknown } & Record<string, unknown>;
  const actions = { ...options.actions } as Record<string, AnyAction>;
  for (const name of [...STANDARD_ACTIONS, ...Object.keys(actions)]) {
    const action = actions[name] ?? {};
    if (action.isAccessible === undefined) actions[name] = { ...action, isAccessible: allow('admin') };
  }
  return { ...options, actions: actions as ResourceOptions['actions'] };
}
