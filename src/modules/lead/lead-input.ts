import { EMAIL_ERROR, normalizePhone, PHONE_ERROR, PHONE_INPUT_MAX } from '../../common/contact-values.js';
import { EMAIL_PATTERN } from '../../database/email-pattern.js';
import { DomainError } from '../../common/domain-error.js';
import { cleanText, MAX_ID } from '../../common/input-values.js';
import type { LeadSource } from './entities/lead.entity.js';
import { CONSENT_TEXT_VERSION } from './public-form/consent-text.js';

/**
 * What a visitor (the public form, `POST /api/leads`) or a manager sends for a lead, checked and
 * normalised on the server. A draft may be partial; a submission needs the essentials. Every
 * problem is reported per field in Russian; nothing is written when there is any.
 */
export interface LeadInput {
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  objectTypeId: number | null;
  extra: string | null;
  consent: boolean;
}

export const leadInputLimits = {
  name: 200,
  company: 300,
  email: 254,
  extra: 5000,
  phone: PHONE_INPUT_MAX,
} as const;

const emailPattern = new RegExp(EMAIL_PATTERN, 'i');

/**
 * A field no person fills: the public form hides it, so a value means a robot filled every input.
 * Named like an ordinary field so that robots do fill it.
 */
export const HONEYPOT_FIELD = 'website';

export type LeadInputErrors = Partial<Record<keyof LeadInput | typeof HONEYPOT_FIELD, string>>;

/** A request that only saves a draft: `draft` is true (JSON) or a form's truthy string. */
export function isDraftRequest(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, 'draft')) return false;
  return [true, 'true', '1', 'on'].includes((body as { draft: unknown }).draft as never);
}

export interface ParseLeadInputOptions {
  /** The public form needs the visitor's consent to submit; a manager's lead (a call) does not. */
  requireConsent?: boolean;
}

export function parseLeadInput(
  body: unknown,
  mode: 'draft' | 'submit',
  { requireConsent = true }: ParseLeadInputOptions = {},
): { ok: true; value: LeadInput } | { ok: false; errors: LeadInputErrors } {
  const source = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  // Only the object's own fields: never anything inherited (`__proto__`, `constructor`).
  const field = (name: string): unknown =>
    Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined;
  const errors: LeadInputErrors = {};

  const text = (name: 'name' | 'company' | 'extra' | 'email', label: string): string | null => {
    const raw = field(name);
    if (raw === undefined || raw === null || raw === '') return null;
    if (typeof raw !== 'string') {
      errors[name] = `Поле «${label}» должно быть текстом`;
      return null;
    }
    const trimmed = cleanText(raw);
    if (trimmed.length > leadInputLimits[name]) {
      errors[name] = `Не длиннее ${leadInputLimits[name]} символов`;
      return null;
    }
    return trimmed === '' ? null : trimmed;
  };

  const name = text('name', 'Имя');
  const company = text('company', 'Компания');
  const extra = text('extra', 'Дополнительные данные');
  let email = text('email', 'Эл.почта');
  if (email !== null && !emailPattern.test(email)) {
    errors.email = EMAIL_ERROR;
    email = null;
  }

  let phone: string | null = null;
  const rawPhone = field('phone');
  if (rawPhone !== undefined && rawPhone !== null && rawPhone !== '') {
    phone = normalizePhone(rawPhone) ?? null;
    if (!phone) errors.phone = PHONE_ERROR;
  }

  let objectTypeId: number | null = null;
  const rawObjectType = field('objectTypeId');
  if (rawObjectType !== undefined && rawObjectType !== null && rawObjectType !== '') {
    // Only a number or its digits: String() of an object could run the visitor's own `toString`.
    const number =
      typeof rawObjectType === 'number'
        ? rawObjectType
        : typeof rawObjectType === 'string' && /^\s*\d{1,15}\s*$/.test(rawObjectType)
          ? Number(rawObjectType)
          : Number.NaN;
    if (Number.isSafeInteger(number) && number > 0 && number <= MAX_ID) objectTypeId = number;
    else errors.objectTypeId = 'Выберите тип объекта из списка';
  }

  const honeypot = field(HONEYPOT_FIELD);
  if (honeypot !== undefined && honeypot !== null && honeypot !== '') {
    errors[HONEYPOT_FIELD] = 'Это поле должно оставаться пустым: заявка похожа на автоматическую';
  }

  const rawConsent = field('consent');
  const consent = rawConsent === true || rawConsent === 'true' || rawConsent === 'on' || rawConsent === '1';

  if (mode === 'submit') {
    if (!name && !errors.name) errors.name = 'Укажите имя';
    if (!phone && !email && !errors.phone && !errors.email) errors.phone = 'Укажите телефон или эл. почту';
    if (!objectTypeId && !errors.objectTypeId) errors.objectTypeId = 'Выберите тип объекта';
    if (requireConsent && !consent)
      errors.consent = 'Чтобы отправить заявку, дайте согласие на обработку персональных данных';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name, company, phone, email, objectTypeId, extra, consent } };
}

/** The input, or a refusal with a Russian message per field (nothing is written). */
export function requireLeadInput(body: unknown, draft: boolean, source: LeadSource): LeadInput {
  const parsed = parseLeadInput(body, draft ? 'draft' : 'submit', { requireConsent: source === 'form' });
  if (!parsed.ok) {
    throw new DomainError('lead.input_invalid', 'Проверьте заполнение полей', { fields: parsed.errors });
  }
  return parsed.value;
}

/** The columns a lead's input fills, with the consent record when a visitor of the form gave it. */
export function leadColumns(input: LeadInput, departmentId: number | null, source: LeadSource, ip?: string) {
  const consentGiven = input.consent && source === 'form';
  return {
    name: input.name,
    company: input.company,
    phone: input.phone,
    email: input.email,
    objectTypeId: input.objectTypeId,
    departmentId,
    extra: input.extra,
    consentTextVersion: consentGiven ? CONSENT_TEXT_VERSION : null,
    consentAt: consentGiven ? new Date() : null,
    consentIp: consentGiven ? (ip ?? null) : null,
  };
}
