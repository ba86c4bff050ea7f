import {
  ACTIONS,
  type ActionContext,
  type ActionRequest,
  type ActionResponse,
  type After,
  type RecordJSON,
  type ResourceOptions,
} from 'adminjs';

import { runAs } from '../common/request-context.js';
import { withoutOddKeys } from './safe-request.js';

import { mayChange, type DepartmentAccessor } from '../modules/user/department-access.js';
import type { UserRole } from '../modules/user/entities/user.entity.js';
import { showOrTitleLookup, titleSearch } from './title-search.js';

/** Who may do what in the back-office; docs/access.md's table says the same in words. */
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
  departmentOf: (record: NonNullable<ActionContext['record']>) => unknown = (record) =>
    record.params.departmentId,
): (context: ActionContext) => boolean {
  return (context) => {
    if (!condition(context)) return false;
    const departmentId = context.record ? departmentOf(context.record) : undefined;
    const user = context.currentAdmin as Partial<DepartmentAccessor> | undefined;
    return mayChange(
      user?.role ? { role: user.role, departmentId: user.departmentId ?? null } : undefined,
      departmentId === undefined || departmentId === null || departmentId === ''
        ? null
        : Number(departmentId),
    );
  };
}

/** The department of a record that belongs to a client (deals, history events): its client's. */
export const clientDepartment = (record: NonNullable<ActionContext['record']>): unknown =>
  record.populated?.clientId?.params.departmentId;

/**
 * Dictionaries and users: administrators do everything. Managers may only pick them in CRM
 * forms — search by title, and look a record up by id for its title (what a record select
 * shows as its value) — and cannot open lists, records or change anything. Committee members
 * have no access.
 */
export function administratorOnlyActions(): NonNullable<ResourceOptions['actions']> {
  const admin = allow('admin');
  return {
    list: { isAccessible: admin },
    show: showOrTitleLookup(admin, allow('manager')),
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
 * Every action's work runs on behalf of its user (runAs: the audit log's «who»), its `before`
 * hooks only for those the action is for, and what it answers carries of a referenced record the
 * user may not open only the id and title.
 */
export function closedByDefault(options: ResourceOptions): ResourceOptions {
  type Hook = (request: ActionRequest, context: ActionContext) => Promise<ActionRequest> | ActionRequest;
  type Handler = (request: ActionRequest, response: unknown, context: ActionContext) => Promise<unknown>;
  type AnyAction = {
    isAccessible?: unknown;
    before?: Hook | Hook[];
    after?: After<ActionResponse> | After<ActionResponse>[];
    handler?: Handler;
  } & Record<string, unknown>;
  const actions = { ...options.actions } as Record<string, AnyAction>;
  for (const name of new Set([...STANDARD_ACTIONS, ...Object.keys(actions)])) {
    const action = { ...actions[name] };
    if (action.isAccessible === undefined) action.isAccessible = allow('admin');
    // The action's work runs on behalf of its user (the audit log records who changed what).
    const handler = (action.handler ?? ACTIONS[name as keyof typeof ACTIONS]?.handler) as Handler | undefined;
    if (handler) {
      action.handler = (request, response, context) =>
        runAs(Number(context.currentAdmin?.id), () => handler(request, response, context));
    }
    // AdminJS runs `before` hooks ahead of its access check: the action's own run here only for
    // those the action is for (the others are then refused by AdminJS without any hook's work or
    // message); first of all, keys that are no property path are dropped (safe-request.ts).
    const own = Array.isArray(action.before) ? action.before : action.before ? [action.before] : [];
    const isAccessible = action.isAccessible;
    const permitted = (context: ActionContext) =>
      typeof isAccessible === 'function' ? Boolean(isAccessible(context)) : Boolean(isAccessible);
    const after = Array.isArray(action.after) ? action.after : action.after ? [action.after] : [];
    action.after = [...after, openableReferencesOnly];
    action.before = [
      withoutOddKeys,
      ...own.map(
        (hook): Hook =>
          async (request, context) =>
            permitted(context) ? hook(request, context) : request,
      ),
    ];
    actions[name] = action;
  }
  return { ...options, actions: actions as ResourceOptions['actions'] };
}

/**
 * AdminJS sends each referenced record whole with the record that refers to it (`populated`): a
 * manager's client would carry its department's mailing lists and its responsible manager's
 * e-mail and last login. Of a referenced record the user may not open, only its id and title go
 * out — all that a list or a page shows of it.
 */
const openableReferencesOnly: After<ActionResponse> = (response) => {
  const records = [response.record, ...(Array.isArray(response.records) ? response.records : [])];
  for (const record of records as (RecordJSON | undefined)[]) {
    for (const [path, related] of Object.entries(record?.populated ?? {})) {
      if (!related || related.recordActions?.some((action) => action.name === 'show')) continue;
      record!.populated[path] = {
        id: related.id,
        title: related.title,
        params: { id: related.id },
        populated: {},
        errors: {},
        baseError: null,
        recordActions: [],
        bulkActions: [],
      };
    }
  }
  return response;
};
