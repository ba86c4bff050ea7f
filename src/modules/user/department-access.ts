import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { UserRepository, type DepartmentAccessor } from './user.repository.js';

export type { DepartmentAccessor };

export const OTHER_DEPARTMENT =
  'Это запись другого отдела: её можно только просматривать. Изменить её может менеджер этого отдела или администратор.';

/**
 * The records rule (docs/access.md «Roles and access»): administrators change every lead, client, deal
 * and history event; a manager those of their own department — and leads no department owns
 * yet (drafts without an object type); everyone else only reads. Reading is not limited: a
 * manager sees the whole CRM, so a client who calls another department is still found.
 */
export function mayChange(user: DepartmentAccessor | undefined, departmentId: number | null): boolean {
  if (user?.role === 'admin') return true;
  if (user?.role !== 'manager') return false;
  return departmentId === null || departmentId === user.departmentId;
}

/**
 * Refuses (403, nothing changed) a user who may not change a record of `departmentId`. The user
 * is read in the caller's transaction — not taken from the session — so a role or department
 * changed a moment ago applies at once. `null` is the visitor of the public form, whose own draft
 * is found by its token.
 */
export async function refuseOtherDepartment(
  manager: EntityManager,
  actor: { id: number } | null,
  departmentId: number | null,
): Promise<void> {
  if (actor === null) return;
  const user = await new UserRepository(manager).activeAccessor(actor.id);
  if (!mayChange(user, departmentId))
    throw new DomainError('access.other_department', OTHER_DEPARTMENT, { status: 403 });
}

/**
 * The department a client's card belongs to — and with it its deals and history events
 * (undefined: no such client).
 */
export async function clientDepartmentId(
  manager: EntityManager,
  clientId: number,
): Promise<number | undefined> {
  return new UserRepository(manager).clientDepartmentId(clientId);
}
