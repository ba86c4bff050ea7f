import { realpathSync } from 'node:fs';
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
  AreaValue: component('AreaValue', 'area-value.tsx'),
  PhoneValue: component('PhoneValue', 'phone-value.tsx'),
  TurnoverValue: component('TurnoverValue', 'turnover-value.tsx'),
  PremisesOccupancy: component('PremisesOccupancy', 'premises-occupancy.tsx'),
  ReportRequestForm: component('ReportRequestForm', 'report-request-form.tsx'),
  ReportDownload: component('ReportDownload', 'report-download.tsx'),
  BarChart: component('BarChart', 'bar-chart.tsx'),
  AuditChanges: component('AuditChanges', 'audit-changes.tsx'),
  AuditActor: component('AuditActor', 'audit-actor.tsx'),
  TickedForNew: component('TickedForNew', 'ticked-for-new.tsx'),
  LeadBoard: component('LeadBoard', 'lead-board.tsx'),
  ClientBoard: component('ClientBoard', 'client-board.tsx'),
  SearchPage: component('SearchPage', 'search-page.tsx'),
  ExportsPage: component('ExportsPage', 'exports-page.tsx'),
  ImportPage: component('ImportPage', 'import-page.tsx'),
  FilesEdit: component('FilesEdit', 'files-edit.tsx'),
  ContactsShow: component('ContactsShow', 'contacts-show.tsx'),
};

/** A property shown in Russian format in lists and on record pages, phones in forms too (src/common/ru-format.ts). */
export const shownAs = {
  money: { components: { list: Components.MoneyValue, show: Components.MoneyValue } },
  area: { components: { list: Components.AreaValue, show: Components.AreaValue } },
  phone: {
    components: { list: Components.PhoneValue, show: Components.PhoneValue, edit: Components.PhoneValue },
  },
};

// @adminjs/upload registers its components only when its feature is set up (history events'
// files, at the app's start), which the build's bundling step never does: registered here as well,
// at the same paths, they are in the bundle and the history event's form shows its file field.
// The real path, as @adminjs/upload resolves it (node_modules may be a link, e.g. in a worktree).
const uploadComponents = path.join(
  realpathSync(path.join(projectRoot, 'node_modules', '@adminjs', 'upload')),
  'build',
  'features',
  'upload-file',
  'components',
);
for (const name of ['UploadEditComponent', 'UploadListComponent', 'UploadShowComponent']) {
  componentLoader.add(name, path.join(uploadComponents, name));
}

const override = (name: string, file: string) =>
  componentLoader.override(name, path.join(projectRoot, 'src', 'admin', 'components', file));

// Every resource's dates and numbers in Russian format, without a line in its resource file:
// AdminJS's own components for them are replaced (its dates are ISO in the browser's time zone).
override('DefaultDatetimeListProperty', 'date-time-value.tsx');
override('DefaultDatetimeShowProperty', 'date-time-value.tsx');
override('DefaultDatetimeEditProperty', 'date-edit.tsx');
override('DefaultDatetimeFilterProperty', 'date-filter.tsx');
override('DefaultPropertyValue', 'number-value.tsx');
// A list's reference filters ask for their choices when opened, not on every visit of the list.
override('DefaultReferenceFilterProperty', 'reference-filter.tsx');
// A list's filter panel is built when first opened (filter-drawer.tsx).
override('FilterDrawer', 'filter-drawer.tsx');

// Every list shows its capped count honestly (the server stops counting at LIST_COUNT_CAP).
override('DefaultListAction', 'capped-count-list.tsx');

// The sidebar's pages only for those the pages are for (src/admin/components/sidebar-pages.tsx).
override('SidebarPages', 'sidebar-pages.tsx');

// «Поиск» in the top bar: a field before AdminJS's «logged in» corner, Enter opens the search page.
override('LoggedIn', 'top-bar-search.tsx');

// Every record's page: facts, fields in sections without the empty ones, work panels beside
// (record-page.tsx).
override('DefaultShowAction', 'record-page.tsx');

// Every page headed by what it shows, its actions wrapping instead of overflowing (action-header.tsx).
override('ActionHeader', 'action-header.tsx');
// The breadcrumbs name the record, not AdminJS's «Просмотр» (breadcrumbs.tsx).
override('Breadcrumbs', 'breadcrumbs.tsx');

// The sidebar's sections: «Моя работа» first, then the groups, open (sidebar-navigation.tsx).
override('SidebarResourceSection', 'sidebar-navigation.tsx');
