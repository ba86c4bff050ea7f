import type AdminJS from 'adminjs';
import express, { type RequestHandler, type Router } from 'express';

import { refuse } from '../common/refusal.js';

/**
 * AdminJS looks a route's resource, action and page up by name and fails with a 500 on a name it
 * does not know (`…/actions/noSuchAction`, an action named `constructor`). These routes are
 * answered 404 in Russian unless their names are a resource, an action of it, a page.
 */
export function knownRoutesOnly(admin: AdminJS): Router {
  const router = express.Router();
  const resourceOf = (id: string) => admin.resources.find((resource) => resource.decorate().id() === id);
  type Kind = 'resource' | 'record' | 'bulk';
  // An action answers only on the route of its kind: `search` asked of a record (`…/records/1/search`)
  // reached AdminJS's check that a record action returns a record, a 500.
  const hasAction = (resourceId: string, action: string | undefined, kind?: Kind) => {
    const resource = resourceOf(resourceId);
    if (!resource) return false;
    if (action === undefined) return true;
    const actions = resource.decorate().actions;
    if (!Object.hasOwn(actions, action)) return false;
    const decorated = actions[action];
    if (kind === 'resource') return decorated.isResourceType();
    if (kind === 'record') return decorated.isRecordType();
    if (kind === 'bulk') return decorated.isBulkType();
    return true;
  };
  const check =
    (known: (params: Record<string, string>) => boolean): RequestHandler =>
    (request, response, next) => {
      if (known(request.params as Record<string, string>)) return next();
      refuse(request, response, 404, 'Такой страницы или действия в CRM нет');
    };
  const byResource = (kind?: Kind) => check(({ resourceId, action }) => hasAction(resourceId, action, kind));
  router.all(['{/api}/resources/:resourceId', '{/api}/resources/:resourceId/search{/*query}'], byResource());
  router.all('{/api}/resources/:resourceId/actions/:action{/*query}', byResource('resource'));
  router.all('{/api}/resources/:resourceId/records/:recordId/:action', byResource('record'));
  router.all('{/api}/resources/:resourceId/bulk/:action', byResource('bulk'));
  router.all(
    '{/api}/pages/:pageName',
    check(({ pageName }) => Object.hasOwn(admin.options.pages ?? {}, pageName)),
  );
  return router;
}
