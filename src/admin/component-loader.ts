import path from 'node:path';

import { ComponentLoader } from 'adminjs';

import { projectRoot } from '../common/project-root.js';

/** The back-office's own React components, bundled by `npm run build` (src/admin/cli/bundle-admin.ts). */
export const componentLoader = new ComponentLoader();

const component = (name: string, file: string) =>
  componentLoader.add(name, path.join(projectRoot, 'src', 'admin', 'components', file));

export const Components = {
  Dashboard: component('Dashboard', 'dashboard.tsx'),
  LeadTransitionForm: component('LeadTransitionForm', 'lead-transition-form.tsx'),
  LeadStatusHistory: component('LeadStatusHistory', 'lead-status-history.tsx'),
  MiniBlockField: component('MiniBlockField', 'mini-block-field.tsx'),
  SectorSelect: component('SectorSelect', 'sector-select.tsx'),
  ClientStatusForm: component('ClientStatusForm', 'client-status-form.tsx'),
  ClientStatusPanel: component('ClientStatusPanel', 'client-status-panel.tsx'),
  ClientTimeline: component('ClientTimeline', 'client-timeline.tsx'),
  HistoryEventForm: component('HistoryEventForm', 'history-event-form.tsx'),
  DealLinesEditor: component('DealLinesEditor', 'deal-lines-editor.tsx'),
  DealConfirmForm: component('DealConfirmForm', 'deal-confirm-form.tsx'),
  DealSummaryPanel: component('DealSummaryPanel', 'deal-summary-panel.tsx'),
  DealCreateForm: component('DealCreateForm', 'deal-create-form.tsx'),
  MoneyValue: component('MoneyValue', 'money-value.tsx'),
  PremisesOccupancy: component('PremisesOccupancy', 'premises-occupancy.tsx'),
  ReportRequestForm: component('ReportRequestForm', 'report-request-form.tsx'),
  ReportDownload: component('ReportDownload', 'report-download.tsx'),
  BarChart: component('BarChart', 'bar-chart.tsx'),
  AuditChanges: component('AuditChanges', 'audit-changes.tsx'),
  LeadBoard: component('LeadBoard', 'lead-board.tsx'),
  ClientBoard: component('ClientBoard', 'client-board.tsx'),
  SearchPage: component('SearchPage', 'search-page.tsx'),
};

// Every list shows its capped count honestly (the server stops counting at LIST_COUNT_CAP).
componentLoader.override(
  'DefaultListAction',
  path.join(projectRoot, 'src', 'admin', 'components', 'capped-count-list.tsx'),
);

// The sidebar's pages only for those the pages are for (src/admin/components/sidebar-pages.tsx).
componentLoader.override(
  'SidebarPages',
  path.join(projectRoot, 'src', 'admin', 'components', 'sidebar-pages.tsx'),
);

// «Поиск» in the top bar: a field before AdminJS's «logged in» corner, Enter opens the search page.
componentLoader.override(
  'LoggedIn',
  path.join(projectRoot, 'src', 'admin', 'components', 'top-bar-search.tsx'),
);

// The sidebar's sections: «Моя работа» first, then the groups, open (sidebar-navigation.tsx).
componentLoader.override(
  'SidebarResourceSection',
  path.join(projectRoot, 'src', 'admin', 'components', 'sidebar-navigation.tsx'),
);
