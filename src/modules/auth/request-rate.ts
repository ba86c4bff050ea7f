import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

import type { AppConfig } from '../../config/config.js';
import { refuse } from '../../common/refusal.js';

const TOO_MANY = 'Слишком много запросов. Подождите минуту и повторите действие.';

/** The back-office's own files (scripts, styles, fonts) are not counted: a page load asks for many. */
const isAsset = (url: string) => /^\/admin\/(frontend\/assets|static)\//.test(url);

/**
 * Request rates of the back-office (pages, its API, `/api/deals`): per IP address, logged in or
 * not (an office behind one address shares it, hence the larger allowance), and per logged-in
 * session. express-rate-limit, counted in each instance's memory. Answers 429 in Russian.
 */
export function backOfficeRateLimits(config: AppConfig): RequestHandler[] {
  const common = {
    windowMs: 60_000,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: ((request, response) => refuse(request, response, 429, TOO_MANY)) as RequestHandler,
  } as const;
  return [
    rateLimit({
      ...common,
      limit: config.rateLimit.perIp,
      skip: (request) => isAsset(request.originalUrl),
      keyGenerator: (request) => `ip ${ipKeyGenerator(request.ip ?? '')}`,
    }),
    rateLimit({
      ...common,
      limit: config.rateLimit.perSession,
      skip: (request) => !request.session?.adminUser || isAsset(request.originalUrl),
      keyGenerator: (request) => `session ${request.sessionID}`,
    }),
  ];
}
