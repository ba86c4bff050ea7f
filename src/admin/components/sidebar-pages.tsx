import React from 'react';
import { Navigation, type NavigationElementProps } from '@adminjs/design-system';
import { useCurrentAdmin, useTranslation, type ReduxState } from 'adminjs';
import { useLocation, useNavigate } from 'react-router';

import { isCrmStaff, WORK_PAGES, type SidebarUser } from './sidebar-links.js';

/**
 * The sidebar's «Страницы» as AdminJS draws them, for the CRM staff only: every page (the kanban
 * boards, the search) is theirs, and the page handlers refuse anyone else — a committee member
 * is not offered links that would only answer «Недостаточно прав». The boards are listed at the
 * top, under «Моя работа» (sidebar-navigation.tsx); the others stay here.
 */
const SidebarPages: React.FC<{ pages?: ReduxState['pages'] }> = ({ pages }) => {
  const [currentAdmin] = useCurrentAdmin();
  const { translateLabel, translatePage } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const rest = (pages ?? []).filter((page) => !(WORK_PAGES as readonly string[]).includes(page.name));
  if (!rest.length || !isCrmStaff(currentAdmin as SidebarUser | null)) return null;

  const elements: NavigationElementProps[] = rest.map((page) => {
    const href = `/admin/pages/${page.name}`;
    return {
      id: page.name,
      label: translatePage(page.name),
      isSelected: location.pathname.startsWith(href),
      icon: page.icon,
      href,
      onClick: (event: React.MouseEvent) => {
        event.preventDefault();
        navigate(href);
      },
    };
  });
  return <Navigation label={translateLabel('pages')} elements={elements} />;
};

export default SidebarPages;
