import type { AdminDependencies } from './admin-dependencies.js';
import type { AdminJSOptions } from 'adminjs';

import type { SessionUser } from '../modules/auth/auth.service.js';
import { closedByDefault } from './access.js';
import { Components, componentLoader } from './component-loader.js';
import { loadDashboard } from './dashboard.js';
import { buildRussianLocale } from './locale/ru/index.js';
import type { AdminResource } from './resource-definition.js';
import { clientResource } from './resources/client.resource.js';
import { historyEventResource } from './resources/history-event.resource.js';
import { dealResource } from './resources/deal.resource.js';
import { reportResource } from './resources/report.resource.js';
import { clientBoardPage, leadBoardPage } from './boards.js';
import {
  leadStatusLimitResource,
  workingCalendarDayResource,
  workingHoursResource,
} from './resources/working-calendar.resources.js';
import { departmentResource } from './resources/department.resource.js';
import { leadResource } from './resources/lead.resource.js';
import { notificationResource } from './resources/notification.resource.js';
import { loginAttemptResource } from './resources/login-attempt.resource.js';
import { auditLogResource } from './resources/audit-log.resource.js';
import {
  companyProfileResource,
  historyEventTypeResource,
  productCategoryResource,
} from './resources/named-dictionary.resources.js';
import { objectTypeResource } from './resources/object-type.resource.js';
import {
  clientSectorResource,
  pipelineResource,
  stageItemResource,
  stageResource,
} from './resources/pipeline.resources.js';
import { premisesResource } from './resources/premises.resource.js';
import { serviceTypeResource } from './resources/service-type.resource.js';
import { userResource } from './resources/user.resource.js';
import { SEARCH_PAGE, searchPage } from './search-page.js';
import { EXPORTS_PAGE, exportsPage } from './exports-page.js';
import { IMPORT_PAGE, importPage } from './import-page.js';

export const ADMIN_ROOT = '/admin';

/** Every back-office resource, in sidebar order. */
export function adminResources({
  users,
  leads,
  clients,
  clientStatuses,
  history,
  deals,
  attachments,
  notifications,
  dispatcher,
  reports,
}: AdminDependencies): AdminResource[] {
  return [
    leadResource(leads),
    clientResource(clients, clientStatuses, history, deals),
    historyEventResource(history, attachments),
    dealResource(deals),
    reportResource(reports),
    departmentResource(notifications, dispatcher),
    objectTypeResource,
    premisesResource(deals),
    clientSectorResource,
    companyProfileResource,
    productCategoryResource,
    serviceTypeResource,
    historyEventTypeResource,
    pipelineResource,
    stageResource,
    stageItemResource,
    workingCalendarDayResource,
    workingHoursResource,
    leadStatusLimitResource,
    userResource(users),
    notificationResource(notifications, dispatcher),
    loginAttemptResource,
    auditLogResource,
  ];
}

export function buildAdminOptions(dependencies: AdminDependencies): AdminJSOptions {
  const resources = adminResources(dependencies);
  const withIds = resources.map((definition) => {
    const metadata = dependencies.dataSource.getMetadata(definition.resource as Function);
    const booleanProperties = metadata.columns
      .filter((column) => column.type === 'boolean')
      .map((column) => column.propertyName);
    return { id: metadata.name, definition, booleanProperties };
  });
  return {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    componentLoader,
    resources: resources.map(({ resource, options, features }) => ({
      resource,
      options: closedByDefault(options),
      features,
    })),
    locale: buildRussianLocale(withIds),
    branding: {
      companyName: 'Kosino CRM',
      logo: `${ADMIN_ROOT}/static/logo.svg`,
      favicon: `${ADMIN_ROOT}/static/logo.svg`,
      withMadeWithLove: false,
    },
    dashboard: {
      component: Components.Dashboard,
      handler: async (_request, _response, context) =>
        loadDashboard(dependencies, context.currentAdmin as SessionUser | undefined, ADMIN_ROOT),
    },
    // Sidebar pages (labels in the locale's `pages`): the managers' kanban boards and the search.
    pages: {
      leadBoard: leadBoardPage(dependencies, dependencies.leadBoards),
      clientBoard: clientBoardPage(dependencies, dependencies.clientBoards),
      [SEARCH_PAGE]: searchPage(dependencies.search, ADMIN_ROOT),
      [EXPORTS_PAGE]: exportsPage(dependencies.exports, ADMIN_ROOT),
      [IMPORT_PAGE]: importPage(),
    },
    assets: { styles: [`${ADMIN_ROOT}/static/layout.css`] },
    settings: { defaultPerPage: 20 },
  };
}

export type { AdminDependencies } from './admin-dependencies.js';
