import { QueryFailedError, type DataSource, type EntityManager, type EntityMetadata } from 'typeorm';

import { DomainError, type ErrorCode } from '../common/domain-error.js';

export interface TranslatedDatabaseError {
  /**
   * A stable code derived from what PostgreSQL names — the kind of refusal, then the constraint
   * (CHECKs, named by hand) or the table and column: `db.check.stage_in_use`,
   * `db.unique.app_user.email`, `db.required.lead.name`, `db.in_use.department`.
   */
  code: ErrorCode;
  /** The entity property the refusal is about, when PostgreSQL names a column. */
  property?: string;
  message: string;
}

/** `db.<kind>` followed by the given names, each made a code segment (lower case, `_` for the rest). */
export function databaseErrorCode(kind: string, ...names: (string | undefined)[]): ErrorCode {
  const segments = names
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => name.toLowerCase().replace(/[^a-z0-9_]/g, '_'))
    .map((name) => (/^[a-z]/.test(name) ? name : `x${name}`));
  return `db.${[kind, ...segments].join('.')}` as ErrorCode;
}

/** CHECK constraints by name: the rule in words, on the field it is about. */
const checkMessages: Record<string, Omit<TranslatedDatabaseError, 'code'>> = {
  stage_in_use: {
    property: 'pipelineId',
    message:
      'На этом этапе есть клиенты: его воронку и вид нельзя менять, пока клиенты не переведены на другой этап',
  },
  stage_item_in_use: {
    property: 'stageId',
    message: 'На этом пункте детализации есть клиенты: его этап нельзя менять',
  },
  client_sector_in_use: {
    property: 'pipelineId',
    message: 'У этого профиля есть клиенты: его воронку нельзя сменить (смените профиль у клиентов)',
  },
  stage_limit_days_positive: {
    property: 'limitDays',
    message: 'Срок на этапе — целое число рабочих дней от 1 до 1000 (или пусто — без срока)',
  },
  lead_status_limit_positive: {
    property: 'workingHours',
    message: 'Срок — целое число рабочих часов от 1 до 10000',
  },
  lead_status_limit_worked_status: {
    property: 'status',
    message: 'Срок задаётся только для статусов «Новый» и «Выяснение потребности»',
  },
  working_hours_order: { property: 'endsAt', message: 'Конец рабочего дня должен быть позже начала' },
  working_hours_single_row: { message: 'Рабочее время задаётся одной записью' },
  premises_area_positive: { property: 'areaM2', message: 'Площадь должна быть больше нуля' },
  app_user_email_lowercase: { property: 'email', message: 'Эл. почта хранится строчными буквами' },
  app_user_email_valid: { property: 'email', message: 'Неверный адрес эл. почты' },
  department_head_email_valid: { property: 'headEmail', message: 'Неверный адрес эл. почты' },
  department_manager_emails_valid: {
    property: 'managerEmails',
    message: 'Каждый адрес должен быть адресом эл. почты',
  },
  department_committee_emails_valid: {
    property: 'committeeEmails',
    message: 'Каждый адрес должен быть адресом эл. почты',
  },
};

/** CHECK constraints named `<table>_<column>_not_blank` refuse an empty text in that column. */
function checkRefusal(
  constraint: string,
  metadata: EntityMetadata,
  propertyOf: (column?: string) => string | undefined,
): TranslatedDatabaseError {
  const code = databaseErrorCode('check', constraint || undefined);
  const blankColumn = new RegExp(`^${metadata.tableName}_(.+)_not_blank$`).exec(constraint)?.[1];
  if (blankColumn) return { code, property: propertyOf(blankColumn), message: 'Поле не может быть пустым' };
  return {
    code,
    ...(checkMessages[constraint] ?? { message: 'Значение не прошло проверку — проверьте заполнение полей' }),
  };
}

interface PostgresError {
  code?: string;
  message?: string;
  column?: string;
  table?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Turns a PostgreSQL refusal (unique key, foreign key, CHECK, NOT NULL, bad format) into a
 * Russian message for the user. Returns undefined for anything that is not such a refusal.
 */
export function translateDatabaseError(
  error: unknown,
  metadata: EntityMetadata,
): TranslatedDatabaseError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as PostgresError;
  const propertyOf = (columnName?: string) =>
    columnName ? metadata.findColumnWithDatabaseName(columnName)?.propertyName : undefined;
  const keyColumns = /Key \(([^)]+)\)/.exec(driverError.detail ?? '')?.[1]?.split(', ') ?? [];
  const table = driverError.table ?? metadata.tableName;
  const inUse = {
    code: databaseErrorCode('in_use', table),
    message: 'Запись используется в других записях, поэтому её нельзя удалить',
  };

  switch (driverError.code ?? '') {
    case '23505':
      return {
        code: databaseErrorCode('unique', table, keyColumns.at(-1)),
        property: propertyOf(keyColumns.at(-1)),
        message: 'Такое значение уже есть — выберите другое',
      };
    case '23001':
      return inUse;
    case '23503':
      if (/is (still )?referenced/.test(driverError.detail ?? '')) return inUse;
      return {
        code: databaseErrorCode('reference_missing', table, keyColumns[0]),
        property: propertyOf(keyColumns[0]),
        message: 'Выбранная запись не найдена — выберите из списка',
      };
    case '23514':
      return checkRefusal(driverError.constraint ?? '', metadata, propertyOf);
    case '23502':
      return {
        code: databaseErrorCode('required', table, driverError.column),
        property: propertyOf(driverError.column),
        message: 'Обязательное поле',
      };
    case '22001':
      return { code: databaseErrorCode('too_long'), message: 'Слишком длинное значение' };
    case '22021':
    case '22P05':
      return { code: databaseErrorCode('bad_characters'), message: 'Текст содержит недопустимые символы' };
    case 'P0001':
      // A trigger's own refusal: shown when it was written for users (in Russian).
      return /[а-яё]/i.test(driverError.message ?? '')
        ? { code: databaseErrorCode('rule', table), message: driverError.message! }
        : undefined;
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return { code: databaseErrorCode('bad_format'), message: 'Неверный формат значения' };
    default:
      return undefined;
  }
}

/**
 * Runs a service's write in a transaction; a refusal by PostgreSQL (a CHECK, a unique key, a
 * value out of range, a race the service's own checks lost) becomes a Russian 422 on its field
 * rather than a 500.
 */
export async function transactionWithRefusals<T>(
  dataSource: DataSource,
  entity: Function,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    const translated = translateDatabaseError(error, dataSource.getMetadata(entity));
    if (!translated) throw error;
    throw new DomainError(translated.code, translated.message, {
      fields: translated.property ? { [translated.property]: translated.message } : undefined,
    });
  }
}
