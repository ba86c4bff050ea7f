/**
 * A refusal by a business rule: the message is Russian and meant for the user; the status is the
 * HTTP answer (4xx). Services throw these; the global filter and AdminJS actions show the message.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status = 422,
    readonly fields?: Record<string, string>,
    /** Data the user needs to decide (e.g. the possible duplicates of a client), sent with the message. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}
