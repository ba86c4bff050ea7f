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
  const hasAction = (resourceId: string, action: string | undefined) => {
    const resource = resourceOf(resourceId);
    if (!resource) return false;
    return action === undefined || Object.hasOwn(resource.decorate().actions, action);
  };
  const check =
    (known: (params: Record<string, string>) => boolean): RequestHandler =>
    (request, response, next) => {
      if (known(request.params as Record<string, string>)) return next();
      refuse(request, response, 404, 'Такой страницы или действия в CRM нет');
    };
  const byResource = check(({ resourceId, action }) => hasAction(resourceId, action));
  router.all(
    [
      '{/api}/resources/:resourceId',
      '{/api}/resources/:resourceId/search{/*query}',
      '{/api}/resources/:resourceId/actions/:action{/*query}',
      '{/api}/resources/:resourceId/records/:recordId/:action',
      '{/api}/resources/:resourceId/bulk/:action',
    ],
    byResource,
  );
  router.all(
    '{/api}/pages/:pageName',
    check(({ pageName }) => Object.hasOwn(admin.options.pages ?? {}, pageName)),
  );
  return router;
}
