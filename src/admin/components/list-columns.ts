/**
 * A list's columns for the user's role: a property whose `custom.listRoles` names roles is a
 * column for those roles only (e.g. «Отдел» for administrators, who see every department, while a
 * manager's lists open on their own); the others are columns for everybody. Pure: shared by the
 * list component and its spec.
 */
interface ListColumn {
  custom?: Record<string, unknown>;
}

export function columnsFor<T extends ListColumn>(columns: T[], role: string | undefined): T[] {
  return columns.filter((column) => {
    const roles = column.custom?.listRoles;
    return !Array.isArray(roles) || (role !== undefined && roles.includes(role));
  });
}
