/**
 * What the database accepts as an e-mail address (CHECK constraints): something@domain.tld with
 * no spaces or commas. Services validate more strictly; this is the last line.
 * A list is checked by joining it with commas and matching the pattern repeated.
 */
export const EMAIL_PATTERN = String.raw`^[^@\s,]+@[^@\s,]+\.[^@\s,]+$`;
export const EMAIL_LIST_PATTERN = String.raw`^([^@\s,]+@[^@\s,]+\.[^@\s,]+(,|$))*$`;
