import type { RequestHandler } from 'express';

import { refuse } from './refusal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A JSON API's changes are sent as JSON (`Content-Type: application/json`), bodiless ones
 * included: a form or a plain-text body — what a page of another site can send without asking —
 * is refused with 415 before it is read.
 */
export const jsonRequestsOnly: RequestHandler = (request, response, next) => {
  if (SAFE_METHODS.has(request.method) || request.is('application/json')) return next();
  refuse(
    request,
    response,
    415,
    'Изменения принимаются только в формате JSON (Content-Type: application/json)',
  );
};
