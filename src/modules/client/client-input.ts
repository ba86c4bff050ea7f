import { EMAIL_ERROR, normalizeEmail, normalizePhone, PHONE_ERROR } from '../../common/contact-values.js';
import { turnoverUnits, type ContactPerson, type TurnoverUnit } from './entities/client.entity.js';
import { innError } from './inn.js';
import { cleanText, toId } from '../../common/input-values.js';

/**
 * What a manager sends for a client card (the back-office form), checked and normalised. A
 * mini-block that is not ticked is cleared: the card stores only what it shows.
 */
export interface ClientInput {
  companyName: string;
  source: string | null;
  sectorId: number | null;
  companyProfileId: number | null;
  productCategoryId: number | null;
  departmentId: number | null;
  responsibleUserId: number | null;
  phone: string | null;
  email: string | null;
  turnoverEnabled: boolean;
  turnoverValue: string | null;
  turnoverUnit: TurnoverUnit | null;
  turnoverYear: number | null;
  innEnabled: boolean;
  inn: string | null;
  infoEnabled: boolean;
  info: string | null;
  addressEnabled: boolean;
  address: string | null;
  fullNameEnabled: boolean;
  positionEnabled: boolean;
  contacts: ContactPerson[];
}

export type ClientInputErrors = Record<string, string>;

export const MAX_CONTACTS = 20;
const limits = { companyName: 300, source: 200, info: 5000, address: 500, name: 100, position: 200 };

/** The years «Товарооборот» offers: from 2000 to next year. */
export function turnoverYears(today = new Date()): number[] {
  const last = today.getFullYear() + 1;
  return Array.from({ length: last - 2000 + 1 }, (_, index) => last - index);
}

const isTicked = (value: unknown) => value === true || value === 'true' || value === 'on' || value === '1';

export function parseClientInput(
  body: unknown,
): { ok: true; value: ClientInput } | { ok: false; errors: ClientInputErrors } {
  const source = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const field = (name: string): unknown =>
    Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined;
  const errors: ClientInputErrors = {};

  const text = (name: string, limit: number, raw: unknown = field(name)): string | null => {
    if (raw === undefined || raw === null || raw === '') return null;
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      errors[name] = 'Ожидается текст';
      return null;
    }
    const value = cleanText(String(raw));
    if (value.length > limit) {
      errors[name] = `Не длиннее ${limit} символов`;
      return null;
    }
    return value === '' ? null : value;
  };
  const id = (name: string): number | null => {
    const raw = field(name);
    if (raw === undefined || raw === null || raw === '') return null;
    const number = toId(raw);
    if (number !== undefined) return number;
    errors[name] = 'Выберите значение из списка';
    return null;
  };
  const phoneOf = (name: string, raw: unknown): string | null => {
    if (raw === undefined || raw === null || raw === '') return null;
    const phone = normalizePhone(raw);
    if (!phone) errors[name] = PHONE_ERROR;
    return phone ?? null;
  };
  const emailOf = (name: string, raw: unknown): string | null => {
    const value = text(name, 254, raw);
    if (value === null) return null;
    const email = normalizeEmail(value);
    if (!email) errors[name] = EMAIL_ERROR;
    return email ?? null;
  };

  const companyName = text('companyName', limits.companyName);
  if (!companyName && !errors.companyName) errors.companyName = 'Укажите наименование компании';

  const turnoverEnabled = isTicked(field('turnoverEnabled'));
  let turnoverValue: string | null = null;
  let turnoverUnit: TurnoverUnit | null = null;
  let turnoverYear: number | null = null;
  if (turnoverEnabled) {
    const rawValue = text('turnoverValue', 30)?.replace(/\s/g, '').replace(',', '.') ?? null;
    if (rawValue !== null) {
      if (/^\d{1,15}(\.\d{1,3})?$/.test(rawValue)) turnoverValue = rawValue;
      else errors.turnoverValue = 'Укажите неотрицательное число, не больше трёх знаков после запятой';
    }
    const rawUnit = field('turnoverUnit');
    if (rawUnit !== undefined && rawUnit !== null && rawUnit !== '') {
      if (turnoverUnits.includes(rawUnit as TurnoverUnit)) turnoverUnit = rawUnit as TurnoverUnit;
      else errors.turnoverUnit = 'Выберите «Тыс. тонн» или «Рубль»';
    }
    const rawYear = field('turnoverYear');
    if (rawYear !== undefined && rawYear !== null && rawYear !== '') {
      const year = Number(rawYear);
      if (turnoverYears().includes(year)) turnoverYear = year;
      else errors.turnoverYear = 'Выберите год из списка';
    }
    if (turnoverValue !== null && turnoverUnit === null && !errors.turnoverUnit) {
      errors.turnoverUnit = 'Выберите единицу: «Тыс. тонн» или «Рубль»';
    }
  }

  const innEnabled = isTicked(field('innEnabled'));
  let inn: string | null = null;
  if (innEnabled) {
    const rawInn = text('inn', 20);
    if (rawInn !== null) {
      const problem = innError(rawInn);
      if (problem) errors.inn = problem;
      else inn = rawInn;
    }
  }

  const infoEnabled = isTicked(field('infoEnabled'));
  const info = infoEnabled ? text('info', limits.info) : null;
  const addressEnabled = isTicked(field('addressEnabled'));
  const address = addressEnabled ? text('address', limits.address) : null;
  const fullNameEnabled = isTicked(field('fullNameEnabled'));
  const positionEnabled = isTicked(field('positionEnabled'));

  const contacts: ContactPerson[] = [];
  const rawContacts = field('contacts');
  const list = Array.isArray(rawContacts)
    ? rawContacts
    : rawContacts && typeof rawContacts === 'object'
      ? Object.values(rawContacts)
      : [];
  if (list.length > MAX_CONTACTS) errors.contacts = `Не больше ${MAX_CONTACTS} контактных лиц`;
  list.slice(0, MAX_CONTACTS).forEach((raw: unknown, index) => {
    const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const own = (name: string) => (Object.hasOwn(item, name) ? item[name] : undefined);
    const path = (name: string) => `contacts.${index}.${name}`;
    const person: ContactPerson = {
      lastName: fullNameEnabled ? text(path('lastName'), limits.name, own('lastName')) : null,
      firstName: fullNameEnabled ? text(path('firstName'), limits.name, own('firstName')) : null,
      middleName: fullNameEnabled ? text(path('middleName'), limits.name, own('middleName')) : null,
      position: positionEnabled ? text(path('position'), limits.position, own('position')) : null,
      phone: phoneOf(path('phone'), own('phone')),
      email: emailOf(path('email'), own('email')),
    };
    if (Object.values(person).some((value) => value !== null)) contacts.push(person);
  });

  const value: ClientInput = {
    companyName: companyName ?? '',
    source: text('source', limits.source),
    sectorId: id('sectorId'),
    companyProfileId: id('companyProfileId'),
    productCategoryId: id('productCategoryId'),
    departmentId: id('departmentId'),
    responsibleUserId: id('responsibleUserId'),
    phone: phoneOf('phone', field('phone')),
    email: emailOf('email', field('email')),
    turnoverEnabled,
    turnoverValue,
    turnoverUnit,
    turnoverYear,
    innEnabled,
    inn,
    infoEnabled,
    info,
    addressEnabled,
    address,
    fullNameEnabled,
    positionEnabled,
    contacts,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}
