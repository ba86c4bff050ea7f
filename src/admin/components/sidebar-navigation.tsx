import React, { useState } from 'react';
import { Box, Navigation, type NavigationElementWithChildrenProps } from '@adminjs/design-system';
import { useCurrentAdmin, useTranslation, type ReduxState, type ResourceJSON } from 'adminjs';
import { useSelector } from 'react-redux';
import { useLocation, useNavigate } from 'react-router';

import {
  isCrmStaff,
  OWN_LISTS,
  ownListHref,
  resourceHref,
  showsList,
  WORK_PAGES,
  type SidebarUser,
} from './sidebar-links.js';

/** Groups the user closed (every group is open until then), kept in the browser. */
const CLOSED_GROUPS_KEY = 'crmSidebarClosedGroups';

function readClosedGroups(): Record<string, boolean> {
  try {
    return JSON.parse(window.localStorage.getItem(CLOSED_GROUPS_KEY) ?? '{}') as Record<string, boolean>;
  } catch {
    return {};
  }
}

/**
 * The sidebar's sections (AdminJS's SidebarResourceSection overridden). First «Моя работа» for
 * those who work with leads, clients and deals: «Мои лиды», «Мои клиенты», «Мои сделки» (the lists
 * filtered to the user as responsible) and the boards. Then AdminJS's groups («CRM», «Отчёты», …),
 * open unless the user closed them; a manager's «Лиды» and «Клиенты» open on their department.
 * Only what the user may list is there: AdminJS gives a resource a link only then.
 */
const SidebarNavigation: React.FC<{ resources: ResourceJSON[] }> = ({ resources }) => {
  const [currentAdmin] = useCurrentAdmin();
  const pages = useSelector((state: ReduxState) => state.pages);
  const { translateLabel, translatePage } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [closed, setClosed] = useState(readClosedGroups);
  const user = (currentAdmin as SidebarUser | null) ?? null;

  const link = (href: string) => ({
    href,
    onClick: (event: React.MouseEvent) => {
      event.preventDefault();
      navigate(href);
    },
  });
  const listed = resources.filter((resource) => resource.href && resource.navigation?.show !== false);

  const work: NavigationElementWithChildrenProps[] = [];
  if (isCrmStaff(user)) {
    for (const own of OWN_LISTS) {
      const resource = listed.find((candidate) => candidate.id === own.resourceId);
      if (!resource?.href) continue;
      work.push({
        id: `own-${own.resourceId}`,
        label: own.label,
        icon: own.icon,
        isSelected: showsList(location, resource.href, user).own,
        ...link(ownListHref(resource.href, user)),
      });
    }
    for (const page of pages.filter((candidate) =>
      (WORK_PAGES as readonly string[]).includes(candidate.name),
    )) {
      const href = `/admin/pages/${page.name}`;
      work.push({
        id: page.name,
        label: translatePage(page.name),
        icon: page.icon,
        isSelected: location.pathname.startsWith(href),
        ...link(href),
      });
    }
  }

  const groups = new Map<string, NavigationElementWithChildrenProps>();
  for (const resource of listed) {
    const shown = showsList(location, resource.href!, user);
    const element: NavigationElementWithChildrenProps = {
      id: resource.id,
      label: translateLabel(resource.name, resource.id),
      isSelected: shown.list && !shown.own,
      ...link(resourceHref(resource.id, resource.href!, user)),
    };
    const name = resource.navigation?.name;
    if (!name) {
      groups.set(`resource-${resource.id}`, { ...element, icon: resource.navigation?.icon });
      continue;
    }
    const group = groups.get(name) ?? {
      label: translateLabel(name),
      icon: resource.navigation?.icon,
      isOpen: !closed[name],
      onClick: () => {
        const next = { ...closed, [name]: !closed[name] };
        setClosed(next);
        window.localStorage.setItem(CLOSED_GROUPS_KEY, JSON.stringify(next));
      },
      elements: [],
    };
    group.elements!.push(element);
    groups.set(name, group);
  }

  return (
    <>
      {work.length > 0 && (
        <Box data-testid="sidebar-work">
          <Navigation label="Моя работа" elements={work} />
        </Box>
      )}
      <Box data-testid="sidebar-sections">
        <Navigation label={translateLabel('navigation')} elements={[...groups.values()]} />
      </Box>
    </>
  );
};

export default SidebarNavigation;
