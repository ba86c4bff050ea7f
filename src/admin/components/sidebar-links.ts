/**
 * Where the sidebar's links lead, from the session user (sidebar-navigation.tsx, sidebar-pages.tsx).
 * AdminJS lists read their filters from the address (`?filters.<property>=<value>`), so «Мои лиды»
 * is the lead list filtered to the responsible manager, and a manager's «Лиды» and «Клиенты» open
 * on their department: the list's «Фильтр (1)» says so and resetting it shows every department.
 */
export interface SidebarUser {
  id: number | string;
  role: string;
  departmentId?: number | null;
}

/** The boards, which the sidebar lists under «Моя работа» rather than among the pages. */
export const WORK_PAGES = ['leadBoard', 'clientBoard'] as const;

/** «Мои …»: the resources whose list has a responsible manager, in the sidebar's order. */
export const OWN_LISTS = [
  { resourceId: 'Lead', label: 'Мои лиды', icon: 'Inbox' },
  { resourceId: 'Client', label: 'Мои клиенты', icon: 'Users' },
  { resourceId: 'Deal', label: 'Мои сделки', icon: 'FileText' },
] as const;

/** The lists a manager opens on their own department. */
const DEPARTMENT_LISTS = new Set(['Lead', 'Client']);

/** Who works with leads, clients and deals: the «Моя работа» section is theirs. */
export const isCrmStaff = (user: SidebarUser | null | undefined): user is SidebarUser =>
  user?.role === 'admin' || user?.role === 'manager';

export const ownListHref = (listHref: string, user: SidebarUser): string =>
  `${listHref}?${new URLSearchParams({ 'filters.responsibleUserId': String(user.id) })}`;

/** A resource's link in the sidebar: a manager's leads and clients open on their department. */
export function resourceHref(resourceId: string, listHref: string, user: SidebarUser | null): string {
  if (user?.role !== 'manager' || !user.departmentId || !DEPARTMENT_LISTS.has(resourceId)) return listHref;
  return `${listHref}?${new URLSearchParams({ 'filters.departmentId': String(user.departmentId) })}`;
}

/** Whether the address shows this list (or one of its records) — and whether it is the «Мои» view of it. */
export function showsList(
  location: { pathname: string; search: string },
  listHref: string,
  user: SidebarUser | null,
): { list: boolean; own: boolean } {
  const list = location.pathname === listHref || location.pathname.startsWith(`${listHref}/`);
  const responsible = new URLSearchParams(location.search).get('filters.responsibleUserId');
  return { list, own: list && user !== null && responsible === String(user.id) };
}
