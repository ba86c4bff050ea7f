import type { Request, RequestHandler } from 'express';

import { refuse } from './refusal.js';

/** Methods that change nothing: a page of another site may cause them (links, images) harmlessly. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CROSS_ORIGIN_MESSAGE =
  'Запрос отклонён: он пришёл со страницы другого сайта. Откройте CRM в браузере и повторите действие.';

/**
 * CSRF defence of everything that acts with the back-office session (besides SameSite=Strict,
 * which a page of the same site on another port or a sibling subdomain passes): a request that
 * may change something must show where it comes from, and that must be this CRM.
 * - `Sec-Fetch-Site`, when the browser sends it, must be `same-origin`;
 * - `Origin` (every browser sends it with such requests) must be this CRM's origin — the
 *   configured PUBLIC_URL or the address the request was sent to (behind TRUST_PROXY its https
 *   form too); without `Origin`, `Referer` must be a page of this CRM;
 * - a request showing none of them is refused too: scripts send `Origin` themselves.
 * Refused with 403 and a Russian message before any body is read.
 */
export function sameOriginOnly(publicUrl: string, trustProxy: boolean): RequestHandler {
  const configured = new URL(publicUrl).origin;
  return (request, response, next) => {
    if (SAFE_METHODS.has(request.method) || isSameOrigin(request, configured, trustProxy)) return next();
    refuse(request, response, 403, CROSS_ORIGIN_MESSAGE, 'request.cross_origin');
  };
}

function isSameOrigin(request: Request, configured: string, trustProxy: boolean): boolean {
  const fetchSite = request.get('sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  const own = new Set([configured]);
  const host = request.host;
  if (host) {
    own.add(`${request.protocol}://${host}`);
    if (trustProxy) own.add(`https://${host}`);
  }
  const origin = request.get('origin');
  if (origin !== undefined) return own.has(origin);
  const referer = request.get('referer');
  if (referer === undefined) return false;
  try {
    return own.has(new URL(referer).origin);
  } catch {
    return false;
  }
}
