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

  constructor(code: ErrorCode, message: string, options?: DomainErrorOptions);
  /** @deprecated Transitional: a refusal without a code, until every module names its codes. */
  constructor(message: string, status?: number, fields?: Record<string, string>, details?: unknown);
  constructor(
    first: string,
    second?: string | number,
    third?: DomainErrorOptions | Record<string, string>,
    fourth?: unknown,
  ) {
    const coded = typeof second === 'string';
    super(coded ? second : first);
    if (coded) {
      if (!ERROR_CODE_PATTERN.test(first)) throw new TypeError(`Malformed error code: ${first}`);
      const options = (third ?? {}) as DomainErrorOptions;
      this.code = first as ErrorCode;
      this.status = options.status ?? 422;
      this.fields = options.fields;
      this.details = options.details;
    } else {
      this.code = 'unnamed.refusal';
      this.status = second ?? 422;
      this.fields = third as Record<string, string> | undefined;
      this.details = fourth;
    }
  }
}
