import type { Provider } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { getDataSourceToken } from '@nestjs/typeorm';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG, SESSION_SECRET } from '../../config/tokens.js';

export const SESSION_MIDDLEWARE = Symbol('SESSION_MIDDLEWARE');
export const SESSION_COOKIE = 'kosino.sid';

export interface SessionMiddleware {
  handler: RequestHandler;
  options: session.SessionOptions;
  close(): void;
}

/**
 * Back-office sessions live in PostgreSQL (connect-pg-simple, on the app's own pool), so they
 * survive restarts and are shared by every instance. The cookie is HttpOnly and SameSite=strict,
 * Secure behind an HTTPS proxy (TRUST_PROXY); its lifetime is the idle timeout, renewed by each request.
 */
export const sessionMiddlewareProvider: Provider = {
  provide: SESSION_MIDDLEWARE,
  inject: [APP_CONFIG, SESSION_SECRET, getDataSourceToken()],
  useFactory: (config: AppConfig, secret: string, dataSource: DataSource) => {
    const PgStore = connectPgSimple(session);
    const store = new PgStore({
      pool: (dataSource.driver as PostgresDriver).master as Pool,
      tableName: 'session',
      createTableIfMissing: false,
      pruneSessionInterval: 15 * 60,
    });
    const options: session.SessionOptions = {
      name: SESSION_COOKIE,
      secret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      proxy: config.http.trustProxy,
      cookie: {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.http.trustProxy ? 'auto' : false,
        maxAge: config.session.idleMinutes * 60_000,
      },
    };
    return { handler: session(options), options, close: () => store.close() } satisfies SessionMiddleware;
  },
};
