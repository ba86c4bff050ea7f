import { randomUUID } from 'node:crypto';

import { RequestMethod, type LoggerService } from '@nestjs/common';
import type { Logger as NestPinoLogger, Params } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

import type { AppConfig } from '../config/config.js';

const quietPaths = /^\/(health|admin\/frontend\/assets|admin\/static)(\/|$)/;

/**
 * Structured logs (pino): JSON lines for log collectors, or readable lines when LOG_FORMAT=pretty
 * (the default in a terminal); every request has an id.
 */
export function loggerOptions(config: AppConfig): Params {
  // Nest's own lines and the request middleware share one pino logger, as in nestjs-pino 5:
  // nestjs-pino 4 would otherwise build one for each.
  const { level, stream, redact, ...requestOptions } = httpLoggerOptions(config);
  const logger = stream ? pino({ level, redact }, stream) : pino({ level, redact });
  return {
    pinoHttp: { ...requestOptions, logger },
    // Every route, named as in nestjs-pino 5 (Nest 11 reads nestjs-pino 4's bare `*` as
    // `{*path}`, and a logged request's params would read `path` instead of `splat`).
    forRoutes: [{ path: '{/*splat}', method: RequestMethod.ALL }],
  };
}

/** Also used by the back-office router, which runs before Nest's middleware (see admin-router.loader.ts). */
export function httpLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    level: config.log.level,
    stream: destinationFor(config),
    // A line per request drowns what the person at the terminal needs: there requests are debug
    // (LOG_LEVEL=debug shows them); JSON logs keep them at info for the log collector.
    ...(config.log.pretty ? { useLevel: 'debug' as const } : {}),
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

/** The logger used while the app boots, before Nest exists, and by the scripts; same format as the app's. */
export function bootLogger(config: Pick<AppConfig, 'log'>) {
  return pino({ level: config.log.level }, destinationFor(config));
}

/**
 * Readable lines are written from the main thread, synchronously: they are few (requests are
 * debug there), and they come out in order with what the app prints itself (the start-up summary).
 * JSON lines go to stdout as pino writes them.
 */
function destinationFor(config: Pick<AppConfig, 'log'>): DestinationStream | undefined {
  return config.log.pretty
    ? pretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss', sync: true })
    : undefined;
}

/** Nest's own start-up lines: modules initialised, routes mapped, application started. */
const frameworkContexts = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * The app's Nest logger (nestjs-pino) with the framework's start-up chatter — some forty lines
 * at every start — at debug instead of info: the start is summed up in a few lines of our own.
 */
export class AppLogger implements LoggerService {
  constructor(private readonly logger: NestPinoLogger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    // Nest passes the context (the logger's name) last.
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && frameworkContexts.has(context)) {
      this.logger.debug(message, ...optionalParams);
    } else {
      this.logger.log(message, ...optionalParams);
    }
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.error(message, ...optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.warn(message, ...optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.debug(message, ...optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.verbose(message, ...optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.fatal(message, ...optionalParams);
  }
}
