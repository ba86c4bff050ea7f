import type { Response } from 'express';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** What a user is told while PostgreSQL is away (restarting, unreachable, refusing connections). */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'База данных временно недоступна — повторите через несколько секунд';

/** Seconds a client is asked to wait before trying again (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception),
 * 57P01 admin shutdown (a restart terminates every session), 57P02 crash shutdown, 57P03 cannot
 * connect now (starting up or shutting down), 57P05 idle session timeout, 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1235]|53300)$/;

/** Socket errors of connecting to the server or of a connection it dropped. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What node-postgres throws without a code when a connection dies or none can be had (seen in
 * experiments stopping PostgreSQL under load): «Connection terminated unexpectedly», «Connection
 * terminated due to connection timeout» (pg-pool's connectionTimeoutMillis), «timeout exceeded
 * when trying to connect» (every pool connection busy for that long), and a client that already
 * lost its connection.
 */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
];

/**
 * Whether an error means the database cannot be reached now (rather than a refusal of the data or
 * a bug): such a request may succeed when repeated in a few seconds, so it is answered 503.
 * Looks through TypeORM's wrapper (`driverError`) and error causes.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  // A transaction's connection died between two of its statements: TypeORM released it.
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_ERRORS.has(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

/** The status and headers of every «database unavailable» answer; the caller sends the body. */
export function markDatabaseUnavailable(response: Response): Response {
  return response
    .status(503)
    .set({ 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' });
}
