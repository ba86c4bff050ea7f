import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet): three Content-Security-Policies, each as strict as its pages allow.
 * - Public pages and the API: scripts and styles only from this server, nothing inline, no framing.
 * - The back-office (/admin): AdminJS boots from an inline script (its state) and styles its React
 *   components inline, so both are allowed inline — still only from this server, never framed.
 * - Swagger UI (/api/docs): inline styles in its page.
 * HSTS only behind an HTTPS proxy (TRUST_PROXY), where the site is HTTPS.
 */
const baseDirectives = {
  defaultSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  imgSrc: ["'self'", 'data:'],
};

const PUBLIC_PAGE_DIRECTIVES = {
  ...baseDirectives,
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  baseUri: ["'none'"],
};

const ADMIN_DIRECTIVES = {
  ...baseDirectives,
  scriptSrc: ["'self'", "'unsafe-inline'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'self'"],
};

const API_DOCS_DIRECTIVES = {
  ...PUBLIC_PAGE_DIRECTIVES,
  styleSrc: ["'self'", "'unsafe-inline'"],
};

function headers(directives: Record<string, string[]>, https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...directives, upgradeInsecureRequests: https ? [] : null },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/** The back-office's headers (mounted in front of AdminJS's router). */
export function adminSecurityHeaders(https: boolean): RequestHandler {
  return headers(ADMIN_DIRECTIVES, https);
}

/** Everything outside /admin: the public form and its pages, the API and its docs. */
export function publicSecurityHeaders(https: boolean): RequestHandler {
  const pages = headers(PUBLIC_PAGE_DIRECTIVES, https);
  const docs = headers(API_DOCS_DIRECTIVES, https);
  return (request, response, next) => {
    if (request.path === '/admin' || request.path.startsWith('/admin/')) return next();
    return (request.path.startsWith('/api/docs') ? docs : pages)(request, response, next);
  };
}
