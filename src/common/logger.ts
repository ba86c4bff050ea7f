import { randomUUID } from 'node:crypto';

import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import pino from 'pino';

import type { AppConfig } from '../config/config.js';

const quietPaths = /^\/(health|admin\/frontend\/assets|admin\/static)(\/|$)/;

/** Structured logs (pino): JSON lines, or readable lines when LOG_FORMAT=pretty; every request has an id. */
export function loggerOptions(config: AppConfig): Params {
  // Nest's own lines and the request middleware share one pino logger, as in nestjs-pino 5:
  // nestjs-pino 4 would otherwise build one for each, each with a pino-pretty worker of its own.
  const { level, transport, redact, ...requestOptions } = httpLoggerOptions(config);
  return {
    pinoHttp: { ...requestOptions, logger: pino({ level, transport, redact }) },
    // Every route, named as in nestjs-pino 5 (Nest 11 reads nestjs-pino 4's bare `*` as
    // `{*path}`, and a logged request's params would read `path` instead of `splat`).
    forRoutes: [{ path: '{/*splat}', method: RequestMethod.ALL }],
  };
}

/** Also used by the back-office router, which runs before Nest's middleware (see admin-router.loader.ts). */
export function httpLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    level: config.log.level,
    transport: transportFor(config),
    genReqId: (request, response) => {
      const incoming = request.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    autoLogging: {
      ignore: (request) =>
        quietPaths.test((request as { originalUrl?: string }).originalUrl ?? request.url ?? ''),
    },
  };
}

/** The logger used while the app boots, before Nest exists; same format as the app's. */
export function bootLogger(config: Pick<AppConfig, 'log'>) {
  return pino({ level: config.log.level, transport: transportFor(config) });
}

function transportFor(config: Pick<AppConfig, 'log'>) {
  return config.log.pretty
    ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } }
    : undefined;
}
