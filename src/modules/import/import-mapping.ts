import type { ColumnMapping, ImportField, ImportKind, MappedRow, TableRow } from './import-contract.js';
import { importRefusal } from './import-errors.js';
import { normalizeName } from './header-names.js';

/**
 * Which column of a file fills which field of this CRM: the fields of each kind, the automatic
 * mapping from Bitrix24's export headers (and the names people give columns by hand), and the
 * check of a mapping the user edited (docs/exchange.md has the table).
 */

const field = (key: string, label: string, options: { required?: boolean; mapsValues?: boolean } = {}) =>
  ({
    key,
    label,
    required: options.required ?? false,
    mapsValues: options.mapsValues ?? false,
  }) satisfies ImportField;

const bitrixId = field('bitrixId', 'ID в Битрикс24');
const phone = field('phone', 'Телефон');
const email = field('email', 'Эл. почта');
const responsible = field('responsible', 'Ответственный', { mapsValues: true });
const createdAt = field('createdAt', 'Дата создания');
const comment = field('comment', 'Комментарий');
const lastName = field('lastName', 'Фамилия');
const firstName = field('firstName', 'Имя');
const middleName = field('middleName', 'Отчество');

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  lead: [
    bitrixId,
    field('title', 'Название лида'),
    lastName,
    firstName,
    middleName,
    field('company', 'Компания'),
    phone,
    email,
    field('status', 'Стадия (статус лида)', { mapsValues: true }),
    field('source', 'Источник', { mapsValues: true }),
    responsible,
    createdAt,
    comment,
  ],
  company: [
    bitrixId,
    field('companyName', 'Название компании', { required: true }),
    field('inn', 'ИНН'),
    phone,
    email,
    field('address', 'Адрес'),
    responsible,
    createdAt,
    comment,
  ],
  contact: [
    bitrixId,
    lastName,
    firstName,
    middleName,
    field('position', 'Должность'),
    phone,
    email,
    field('companyName', 'Компания'),
    field('companyBitrixId', 'ID компании в Битрикс24'),
    responsible,
    createdAt,
    comment,
  ],
  deal: [
    bitrixId,
    field('title', 'Название сделки', { required: true }),
    field('stage', 'Стадия сделки', { mapsValues: true }),
    field('amount', 'Сумма'),
    field('currency', 'Валюта'),
    field('companyName', 'Компания'),
    field('companyBitrixId', 'ID компании в Битрикс24'),
    field('contact', 'Контакт'),
    responsible,
    createdAt,
    field('closeDate', 'Предполагаемая дата закрытия'),
    comment,
  ],
};

/** Fields several columns may fill («Рабочий телефон» and «Мобильный телефон»). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<string> = new Set(['phone', 'email', 'comment']);

/** Of each group, at least one must have a column: a row needs it to be imported at all. */
const ONE_OF: Record<ImportKind, readonly (readonly string[])[]> = {
  lead: [['phone', 'email']],
  company: [],
  contact: [['lastName', 'firstName']],
  deal: [['companyName', 'companyBitrixId']],
};

/** Header names (normalized) per field, Bitrix24's first; a field's own label also matches. */
const COMMON_ALIASES: Record<string, readonly string[]> = {
  bitrixId: ['id', 'ид', 'идентификатор', 'id в битрикс24'],
  lastName: ['фамилия'],
  firstName: ['имя'],
  middleName: ['отчество', 'второе имя'],
  position: ['должность'],
  inn: ['инн', 'инн компании'],
  address: ['адрес', 'фактический адрес', 'адрес компании'],
  responsible: ['ответственный', 'ответственный менеджер', 'менеджер', 'ответственное лицо'],
  createdAt: ['дата создания', 'создан', 'создана', 'создано', 'дата'],
  comment: ['комментарий', 'комментарии', 'примечание', 'примечания', 'заметки'],
  source: ['источник', 'источник лида'],
  amount: ['сумма', 'сумма сделки', 'бюджет'],
  currency: ['валюта'],
  contact: ['контакт', 'контактное лицо'],
  closeDate: ['предполагаемая дата закрытия', 'дата закрытия', 'плановая дата закрытия'],
  companyBitrixId: ['id компании', 'ид компании', 'компания id'],
};

const KIND_ALIASES: Record<ImportKind, Record<string, readonly string[]>> = {
  lead: {
    title: ['название лида', 'лид', 'название', 'заголовок'],
    company: ['название компании', 'компания', 'организация'],
    status: ['стадия', 'стадия лида', 'статус', 'статус лида'],
  },
  company: {
    companyName: [
      'название компании',
      'название',
      'компания',
      'наименование',
      'наименование компании',
      'организация',
    ],
  },
  contact: {
    companyName: ['компания', 'название компании', 'организация'],
  },
  deal: {
    title: ['название сделки', 'сделка', 'название'],
    stage: ['стадия сделки', 'стадия', 'этап', 'статус'],
    companyName: ['компания', 'название компании', 'организация'],
  },
};

/** Header patterns for the fields that take every column of their kind. */
const PATTERNS: Record<string, RegExp> = {
  phone: /(^|\s)(телефон|тел|мобильный|сотовый|phone)(\s|$)/,
  email: /(^|\s)email(\s|$)/,
};

function aliasesOf(kind: ImportKind, key: string, label: string): string[] {
  return [...(KIND_ALIASES[kind][key] ?? []), ...(COMMON_ALIASES[key] ?? []), normalizeName(label)];
}

/** The kind a file's headers say it is by Bitrix24's signature columns, or null when unsure. */
export function guessKind(headers: readonly string[]): ImportKind | null {
  const names = new Set(headers.map(normalizeName));
  if (names.has('название лида')) return 'lead';
  if (names.has('название сделки') || names.has('стадия сделки')) return 'deal';
  if (names.has('название компании')) return 'company';
  if (names.has('имя') && names.has('фамилия')) return 'contact';
  return null;
}

/**
 * The mapping the screen starts from: each header matched by name (exact names first, then the
 * phone and e-mail patterns); each field once, except phone, e-mail and comment.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const names = headers.map(normalizeName);
  const mapping: ColumnMapping = headers.map(() => null);
  const used = new Set<string>();
  const take = (column: number, key: string) => {
    if (mapping[column] !== null || (used.has(key) && !MULTI_COLUMN_FIELDS.has(key))) return;
    mapping[column] = key;
    used.add(key);
  };
  for (const { key, label } of IMPORT_FIELDS[kind]) {
    const aliases = aliasesOf(kind, key, label);
    // A field's aliases in order of preference: «Название лида» before «Название».
    for (const alias of aliases) {
      names.forEach((name, column) => {
        if (name === alias) take(column, key);
      });
    }
  }
  const keys = new Set(IMPORT_FIELDS[kind].map((known) => known.key));
  for (const [key, pattern] of Object.entries(PATTERNS)) {
    if (!keys.has(key)) continue;
    names.forEach((name, column) => {
      if (pattern.test(name)) take(column, key);
    });
  }
  return mapping;
}

/** A data row's cells by field: the non-empty trimmed cells of each mapped field, in column order. */
export function mapRow(mapping: ColumnMapping, row: TableRow): MappedRow {
  const values: Record<string, string[]> = {};
  mapping.forEach((key, column) => {
    if (key === null) return;
    values[key] ??= [];
    const cell = row.cells[column]?.trim() ?? '';
    if (cell !== '') values[key].push(cell);
  });
  return { line: row.line, values };
}

/**
 * Refuses a mapping that cannot be imported: a field this kind does not have, a single-value
 * field given two columns, a required field (or every field of a «one of» group) without one.
 */
export function checkMapping(kind: ImportKind, mapping: ColumnMapping, headers?: readonly string[]): void {
  const fields = new Map(IMPORT_FIELDS[kind].map((known) => [known.key, known]));
  const column = (index: number) =>
    headers?.[index] ? `Колонка «${headers[index]}»` : `Колонка ${index + 1}`;
  const seen = new Map<string, number>();
  mapping.forEach((key, index) => {
    if (key === null) return;
    const known = fields.get(key);
    if (!known) {
      throw importRefusal(
        'import.mapping_unknown_field',
        `${column(index)} сопоставлена с полем «${key}», которого нет при импорте ${KIND_GENITIVE[kind]}. Выберите поле из списка.`,
        { column: index, field: key },
      );
    }
    const before = seen.get(key);
    if (before !== undefined && !MULTI_COLUMN_FIELDS.has(key)) {
      throw importRefusal(
        'import.mapping_field_twice',
        `Поле «${known.label}» выбрано у двух колонок: ${column(before).toLowerCase()} и ${column(index).toLowerCase()}. Оставьте его у одной.`,
        { columns: [before, index], field: key },
      );
    }
    seen.set(key, index);
  });
  const missing = IMPORT_FIELDS[kind].filter((known) => known.required && !seen.has(known.key));
  if (missing.length > 0) {
    throw importRefusal(
      'import.mapping_required_missing',
      `Не выбрана колонка для обязательного поля ${missing.map((known) => `«${known.label}»`).join(', ')}.`,
      { fields: missing.map((known) => known.key) },
    );
  }
  for (const group of ONE_OF[kind]) {
    if (group.some((key) => seen.has(key))) continue;
    const labels = group.map((key) => `«${fields.get(key)?.label ?? key}»`).join(' или ');
    throw importRefusal(
      'import.mapping_required_missing',
      `Выберите колонку хотя бы для одного из полей: ${labels}.`,
      {
        fields: group,
      },
    );
  }
}

const KIND_GENITIVE: Record<ImportKind, string> = {
  lead: 'лидов',
  company: 'компаний',
  contact: 'контактов',
  deal: 'сделок',
};
