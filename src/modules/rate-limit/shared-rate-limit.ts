import { Logger } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { DataSource } from 'typeorm';

import { isDatabaseUnavailable } from '../../common/database-unavailable.js';
import { PostgresRateLimitStore } from './postgres-rate-limit.store.js';

const logger = new Logger('RateLimit');

/**
 * express-rate-limit counting in PostgreSQL (PostgresRateLimitStore): one limit however many
 * instances serve the requests. `name` keeps this limiter's keys apart from other limiters'.
 *
 * While the database cannot be reached (database-unavailable.ts), a request passes uncounted, with
 * a warning: the route answers the outage as it does anyway (503 with Retry-After; the public form
 * comes back with what was typed) — the limiter adds no error of its own. Any other failure of
 * the store is a bug and goes to the global exception filter.
 */
export function sharedRateLimit(
  dataSource: DataSource,
  name: string,
  options: Partial<Omit<Options, 'store'>>,
): RequestHandler {
  const limiter = rateLimit({ ...options, store: new PostgresRateLimitStore(dataSource, `${name}:`) });
  return (request, response, next) => {
    limiter(request, response, (error?: unknown) => {
      if (error !== undefined && isDatabaseUnavailable(error)) {
        const { code, message } = error as { code?: unknown; message?: unknown };
        logger.warn(
          { limiter: name, code, error: message },
          'Запрос не учтён в лимите: база данных недоступна',
        );
        next();
        return;
      }
      next(error);
    });
  };
}
