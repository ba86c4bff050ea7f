/**
 * A stable, machine-readable name of a refusal: `<module>.<what>` in snake case
 * (`deal.not_draft`, `client.inn_checksum`). Clients and tests match on it; the Russian message
 * beside it is for people and may be reworded.
 */
export type ErrorCode = `${string}.${string}`;

export const ERROR_CODE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export interface DomainErrorOptions {
  /** The HTTP answer (4xx); 422 unless said. */
  status?: number;
  /** Russian messages per form field, for the forms that show them beside the field. */
  fields?: Record<string, string>;
  /** Data the user needs to decide (e.g. the possible duplicates of a client), sent with the message. */
  details?: unknown;
}

/**
 * A refusal by a business rule: a stable code, a Russian message meant for the user, and the
 * HTTP status (4xx). Services throw these; the global filter answers `{ code, message, fields,
 * details }` and AdminJS actions show the message.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message);
    if (!ERROR_CODE_PATTERN.test(code)) throw new TypeError(`Malformed error code: ${code}`);
    this.code = code;
    this.status = options.status ?? 422;
    this.fields = options.fields;
    this.details = options.details;
  }
}
