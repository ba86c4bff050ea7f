/** Small readers of what forms and APIs send, shared by the input parsers of every module. */

/** The largest id an `integer` column holds. */
export const MAX_ID = 2_147_483_647;

/** Text without NUL characters (PostgreSQL text cannot hold them), trimmed. */
export function cleanText(value: string): string {
  return value.replaceAll(String.fromCharCode(0), '').trim();
}

/** A record id as a number or its digits; undefined for anything else (0, negative, too large, text). */
export function toId(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,10}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(number) && number > 0 && number <= MAX_ID ? number : undefined;
}
