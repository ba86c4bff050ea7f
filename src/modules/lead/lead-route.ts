import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { LeadRepository } from './lead.repository.js';
import type { NotificationInput } from '../notification/notification.service.js';
import {
  leadRecipients,
  NEW_LEAD_SUBJECT,
  newLeadMailBody,
  type LeadMailValues,
} from './lead-notification.js';

/** Where a lead goes: its object type's department and that department's addresses. */
export interface LeadRoute {
  objectType: string;
  departmentId: number;
  managerEmails: string[];
  headEmail: string | null;
}

/** The routes of the given object types, read at once (types that do not exist are absent). */
export async function readRoutes(
  manager: EntityManager,
  objectTypeIds: number[],
): Promise<Map<number, LeadRoute>> {
  return new LeadRepository(manager).routes(objectTypeIds);
}

/** An unknown object type is the visitor's error. */
export function unknownObjectType(): DomainError {
  return new DomainError('lead.object_type_unknown', 'Проверьте заполнение полей', {
    fields: { objectTypeId: 'Выберите тип объекта из списка' },
  });
}

/** A lead can only become «Новый» with an object type: it decides who is told. */
export function objectTypeRequired(): DomainError {
  return new DomainError('lead.object_type_required', 'Выберите тип объекта', {
    fields: { objectTypeId: 'Выберите тип объекта' },
  });
}

/**
 * Where the chosen object type sends a lead (none without a type); an unknown type is refused.
 */
export async function routeOf(
  manager: EntityManager,
  objectTypeId: number | null,
): Promise<LeadRoute | null> {
  if (objectTypeId === null) return null;
  const route = (await readRoutes(manager, [objectTypeId])).get(objectTypeId);
  if (!route) throw unknownObjectType();
  return route;
}

/** docs/product.md §1.2: the mail about a new lead, to the department's managers with the head in copy. */
export function newLeadMail(
  lead: Omit<LeadMailValues, 'objectType'>,
  route: LeadRoute,
): Omit<NotificationInput, 'leadId' | 'reportId'> {
  return {
    kind: 'lead_created',
    ...leadRecipients(route.managerEmails, route.headEmail),
    subject: NEW_LEAD_SUBJECT,
    body: newLeadMailBody({ ...lead, objectType: route.objectType }),
  };
}
