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
 * always Secure behind an HTTPS proxy (TRUST_PROXY); its lifetime is the idle timeout, renewed by each request.
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
    throttleTouches(store);
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
        // Behind the HTTPS proxy always Secure, whatever a request's X-Forwarded-Proto says.
        secure: config.http.trustProxy,
        maxAge: config.session.idleMinutes * 60_000,
      },
    };
    return { handler: session(options), options, close: () => store.close() } satisfies SessionMiddleware;
  },
};

/** How often a session's expiry is written while it is in use; the idle timeout is exact to this. */
const TOUCH_EVERY_MS = 60_000;

/**
 * express-session renews a session's expiry on every request (`rolling`): with the store in
 * PostgreSQL that is a committed UPDATE per page or API call. Renewing it at most once a minute
 * per session keeps the idle timeout (to within that minute) at a fraction of the writes.
 */
function throttleTouches(store: session.Store): void {
  const touch = store.touch?.bind(store);
  if (!touch) return;
  const lastTouched = new Map<string, number>();
  store.touch = (sid, sessionData, callback) => {
    const now = Date.now();
    if (now - (lastTouched.get(sid) ?? 0) < TOUCH_EVERY_MS) {
      callback?.();
      return;
    }
    if (lastTouched.size > 10_000) {
      for (const [key, at] of lastTouched) if (now - at >= TOUCH_EVERY_MS) lastTouched.delete(key);
    }
    lastTouched.set(sid, now);
    touch(sid, sessionData, callback);
  };
}
