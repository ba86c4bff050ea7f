import { parsePhoneNumberFromString } from 'libphonenumber-js';

import { EMAIL_PATTERN } from '../database/email-pattern.js';

/** How long a phone may be as typed (spaces, brackets, dashes included). */
export const PHONE_INPUT_MAX = 40;

export const PHONE_ERROR = 'Укажите номер телефона, например +7 495 123-45-67 или 8 (495) 123-45-67';
export const EMAIL_ERROR = 'Укажите адрес эл. почты, например ivanov@example.ru';

const emailPattern = new RegExp(EMAIL_PATTERN, 'i');

/**
 * A phone as people type it, in E.164 (`libphonenumber-js`, Russian numbers by default:
 * `8 (495) …` and `+7 495 …` are the same number); undefined when it is not a valid number.
 */
export function normalizePhone(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > PHONE_INPUT_MAX) return undefined;
  const parsed = parsePhoneNumberFromString(raw, 'RU');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** An e-mail address, trimmed and in lower case; undefined when it does not look like one. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return emailPattern.test(email) ? email : undefined;
}
