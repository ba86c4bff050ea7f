import type { EntityManager } from 'typeorm';

import { HistoryRepository } from '../../client/history.repository.js';
import { CRM_STAFF_ROLES } from '../../user/crm-staff.js';
import { mayChange } from '../../user/department-access.js';
import { UserRepository, type DepartmentAccessor } from '../../user/user.repository.js';
import { normalizeName } from '../header-names.js';
import type { MappedRow } from '../import-contract.js';
import type { ImportContext } from '../import-run-contract.js';
import { first, refuse } from './line-values.js';

/** A user a row may name as «Ответственный». */
export interface StaffMember {
  id: number;
  name: string;
  email: string;
  departmentId: number | null;
}

/** What the rows of one import read once: the actor, the CRM staff, the departments, the event type. */
export interface ImportDictionaries {
  actor: DepartmentAccessor | undefined;
  staff: Map<number, StaffMember>;
  departments: Map<number, string>;
  importEventTypeId: number | undefined;
  /** The value mapping by normalised file value, per field. */
  values: Map<string, Map<string, string | null>>;
}

/** Who a record goes to: its department and responsible user. */
export interface Assignment {
  departmentId: number | null;
  responsibleUserId: number | null;
}

// Read once per import: the same context object is passed for each of its rows.
const cache = new WeakMap<ImportContext, ImportDictionaries>();

export async function dictionaries(
  manager: EntityManager,
  context: ImportContext,
): Promise<ImportDictionaries> {
  const known = cache.get(context);
  if (known) return known;
  // One after another: in a transaction the manager has one connection, which runs one query at a time.
  const actor = await new UserRepository(manager).activeAccessor(context.actorId);
  const staff = await readStaff(manager);
  const departments = await readDepartments(manager);
  const importEventTypeId = await new HistoryRepository(manager).typeIdByCode('import');
  const values = new Map<string, Map<string, string | null>>();
  for (const [field, mapping] of Object.entries(context.values)) {
    values.set(
      field,
      new Map(Object.entries(mapping).map(([value, choice]) => [normalizeName(value), choice])),
    );
  }
  const loaded = { actor, staff, departments, importEventTypeId, values };
  cache.set(context, loaded);
  return loaded;
}

/** The active administrators and managers with their e-mails and departments. */
export async function readStaff(manager: EntityManager): Promise<Map<number, StaffMember>> {
  const rows = (await manager.query(
    `SELECT id, full_name AS name, email, department_id AS "departmentId" FROM app_user
     WHERE active AND role = ANY($1) ORDER BY full_name, id`,
    [CRM_STAFF_ROLES],
  )) as StaffMember[];
  return new Map(rows.map((row) => [row.id, row]));
}

export async function readDepartments(manager: EntityManager): Promise<Map<number, string>> {
  const rows = (await manager.query('SELECT id, name FROM department ORDER BY position, name')) as {
    id: number;
    name: string;
  }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The option the user chose for a file's value of a field (null: not mapped). */
export function choiceOf(loaded: ImportDictionaries, field: string, value: string | null): string | null {
  if (value === null) return null;
  return loaded.values.get(field)?.get(normalizeName(value)) ?? null;
}

/**
 * The row's department and responsible: its «Ответственный» mapped to a user (their department,
 * else the import's) or a department (nobody responsible); unmapped, the importing user and the
 * import's department. The actor must be allowed to change records of that department.
 */
export function assignment(loaded: ImportDictionaries, context: ImportContext, row: MappedRow): Assignment {
  const value = first(row, 'responsible');
  const choice = choiceOf(loaded, 'responsible', value);
  let result: Assignment = { departmentId: context.departmentId, responsibleUserId: context.actorId };
  if (choice?.startsWith('user:')) {
    const user = loaded.staff.get(Number(choice.slice(5)));
    if (!user)
      refuse(
        `ответственный «${value}» сопоставлен с пользователем, который больше не работает в CRM — выберите другого`,
      );
    else result = { departmentId: user.departmentId ?? context.departmentId, responsibleUserId: user.id };
  } else if (choice?.startsWith('department:')) {
    const departmentId = Number(choice.slice(11));
    if (!loaded.departments.has(departmentId))
      refuse(`ответственный «${value}» сопоставлен с отделом, которого больше нет — выберите другой`);
    result = { departmentId, responsibleUserId: null };
  }
  refuseForeignDepartment(loaded, result.departmentId);
  return result;
}

/** Refuses a record of a department the importing user may not change. */
export function refuseForeignDepartment(loaded: ImportDictionaries, departmentId: number | null): void {
  if (mayChange(loaded.actor, departmentId)) return;
  const name = departmentId === null ? null : loaded.departments.get(departmentId);
  refuse(
    name
      ? `запись относится к отделу «${name}», а вы можете менять записи только своего отдела`
      : 'у вас нет права менять записи этого отдела',
  );
}

/** «Импортирован из Битрикс24 (файл «leads.csv», строка 5)». */
export function importNote(context: ImportContext, line: number, what = 'Импортирован'): string {
  return `${what} ${context.fromBitrix ? 'из Битрикс24' : 'из файла'} (файл «${context.fileName}», строка ${line})`;
}

/** An automatic «Импорт данных» event in a card's history (none when the type was deleted). */
export async function recordImportEvent(
  manager: EntityManager,
  loaded: ImportDictionaries,
  context: ImportContext,
  clientId: number,
  comment: string,
  eventDate: string,
): Promise<void> {
  if (loaded.importEventTypeId === undefined) return;
  await new HistoryRepository(manager).insert({
    clientId,
    typeId: loaded.importEventTypeId,
    comment: comment.slice(0, 10_000),
    eventDate,
    userId: context.actorId,
    automatic: true,
  });
}
