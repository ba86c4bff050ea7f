/** Small readers of what forms and APIs send, shared by the input parsers of every module. */

/** The largest id an `integer` column holds. */
export const MAX_ID = 2_147_483_647;

/** Half of a UTF-16 surrogate pair with no other half (e.g. an emoji cut in two). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text PostgreSQL can hold, trimmed: without NUL characters, and with a lone surrogate replaced
 * by «�» (as the driver would do for a parameter; inside JSON PostgreSQL refuses it).
 */
export function cleanText(value: string): string {
  return storableText(value).trim();
}

/** Text PostgreSQL can hold, otherwise as sent: NUL characters dropped, lone surrogates as «�». */
export function storableText(value: string): string {
  return value.replaceAll(String.fromCharCode(0), '').replace(LONE_SURROGATE, '\uFFFD');
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
