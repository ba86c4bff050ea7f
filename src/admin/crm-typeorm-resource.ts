import { Resource } from '@adminjs/typeorm';
import {
  ValidationError,
  type AdminJS,
  type BaseRecord,
  type Filter,
  type FilterElement,
  type RecordJSON,
  type ResourceOptions,
} from 'adminjs';
import { QueryFailedError, type BaseEntity, type FindOptionsWhere } from 'typeorm';

import { cleanText } from '../common/input-values.js';
import { translateDatabaseError } from '../database/database-errors.js';
import { LIST_COUNT_CAP } from '../common/list-count.js';
import type { ListScope } from '../modules/export/export.service.js';
import { isSafePath } from './safe-request.js';
import { typedCondition } from './typed-filters.js';

type AdminEntity = typeof BaseEntity;
/** The adapter's property (its class is not exported). */
type Property = ReturnType<Resource['properties']>[number];

const FORM_ERROR = 'form';
const SEARCH_LIMIT = 50;

/**
 * The TypeORM adapter, hardened for people's input:
 * - database refusals become Russian messages on the right field (the stock adapter shows
 *   PostgreSQL's English text and drops errors that are not query failures);
 * - list queries ignore filters and sorting on unknown or secret columns, and answer a value
 *   PostgreSQL cannot read (e.g. a malformed date filter) with no rows instead of an error;
 * - `searchTitles` backs the search action: titles only, never whole records;
 * - list counts stop at LIST_COUNT_CAP (exact below it, «более …» above);
 * - a column never selected by default (`select: false`: a secret, such as a password's or a
 *   draft key's hash) is no property at all: never listed, shown, filtered on nor sent;
 * - a `date` column is a calendar date for AdminJS too (the stock adapter calls it `datetime`,
 *   so pages showed an invented time), and date and phone filters mean what people type
 *   (typed-filters.ts).
 */
export class CrmTypeormResource extends Resource {
  constructor(entity: AdminEntity) {
    super(entity);
    for (const property of this.properties()) {
      if (property.column.type === 'date') property.type = () => 'date';
    }
  }

  private get entity(): AdminEntity {
    return (this as unknown as { model: AdminEntity }).model;
  }

  override properties(): Property[] {
    return super.properties().filter((property) => property.column.isSelect);
  }

  override property(path: string): Property {
    const property = super.property(path) as Property | undefined;
    // AdminJS asks for unknown paths too (virtual properties) and expects nothing back for them.
    return (property?.column.isSelect ? property : null) as Property;
  }

  /**
   * AdminJS looks payload and filter keys up among a resource's properties in a plain object, so
   * `constructor` or `__proto__` found Object's own members and failed with a 500: only property
   * paths are looked up (safe-request.ts).
   */
  override assignDecorator(admin: AdminJS, options?: ResourceOptions): void {
    super.assignDecorator(admin, options);
    const decorator = this.decorate();
    const lookup = decorator.getPropertyByKey.bind(decorator);
    decorator.getPropertyByKey = (path: string) => (isSafePath(path) ? lookup(path) : null);
  }

  /**
   * The list's count, capped: it stops at LIST_COUNT_CAP + 1 rows (the list says «более 10 000»),
   * so a filter matching most of a million rows costs what its first ten thousand do.
   */
  override async count(filter: Filter): Promise<number> {
    try {
      const repository = this.entity.getRepository();
      const [sql, parameters] = repository
        .createQueryBuilder('record')
        .setFindOptions({
          where: await adapterWhere(this.withoutUnsafeFilters(filter)),
          loadEagerRelations: false,
        })
        .select('1')
        .limit(LIST_COUNT_CAP + 1)
        .getQueryAndParameters();
      const [{ count }] = (await repository.query(
        `SELECT count(*)::int AS count FROM (${sql}) capped`,
        parameters,
      )) as { count: number }[];
      return count;
    } catch (error) {
      if (isDataException(error)) return 0;
      throw error;
    }
  }

  override async find(
    filter: Filter,
    params: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
  ): Promise<BaseRecord[]> {
    const sort = this.listSort(params.sort);
    const limit = Math.min(Math.max(Number(params.limit) || 10, 1), 500);
    const asked = Number(params.offset);
    const offset = Number.isSafeInteger(asked) && asked > 0 ? asked : 0; // page=1e309 asks for Infinity
    try {
      return await super.find(this.withoutUnsafeFilters(filter), { limit, offset, sort });
    } catch (error) {
      if (isDataException(error)) return [];
      throw error;
    }
  }

  /**
   * What `find` lists on every page, for an export (ExportService): the adapter's conditions for
   * the filter (null when a value cannot be read — the list then shows no rows) and the sort.
   */
  async listScope(filter: Filter, sort: { sortBy?: string; direction?: string }): Promise<ListScope> {
    const { sortBy, direction } = this.listSort(sort);
    let where: ListScope['where'];
    try {
      where = await adapterWhere(this.withoutUnsafeFilters(filter));
    } catch (error) {
      if (!isDataException(error)) throw error;
      where = null;
    }
    return { where, order: { property: sortBy, direction: direction === 'desc' ? 'DESC' : 'ASC' } };
  }

  /** The list's sort: a column that is shown and no relation, else the id. */
  private listSort(sort: { sortBy?: string; direction?: string } | undefined) {
    const metadata = this.entity.getRepository().metadata;
    const sortable = metadata.columns.some(
      (column) => column.propertyName === sort?.sortBy && column.isSelect && !column.relationMetadata,
    );
    return sortable
      ? { sortBy: sort!.sortBy!, direction: (sort!.direction === 'desc' ? 'desc' : 'asc') as 'asc' | 'desc' }
      : { sortBy: this.idName(), direction: 'asc' as const };
  }

  /** An id PostgreSQL cannot read (text, beyond integer) finds nothing rather than failing. */
  override async findOne(id: string | number): Promise<BaseRecord | null> {
    try {
      return await super.findOne(id);
    } catch (error) {
      if (isDataException(error)) return null;
      throw error;
    }
  }

  /** Referenced records (AdminJS's populating): ids PostgreSQL cannot read find nothing. */
  override async findMany(ids: (string | number)[]): Promise<BaseRecord[]> {
    try {
      return await super.findMany(ids);
    } catch (error) {
      if (isDataException(error)) return [];
      throw error;
    }
  }

  /** Records whose title contains `text` (case-insensitive): id and title only. */
  async searchTitles(titleProperty: string, text: string): Promise<RecordJSON[]> {
    const repository = this.entity.getRepository();
    const column = repository.metadata.findColumnWithPropertyName(titleProperty);
    if (!column || !column.isSelect) return [];
    const typed = cleanText(text.slice(0, 100)); // without NUL and half surrogates, as all input
    const pattern = `%${typed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const title = `"record"."${column.databaseName}"`;
    const rows = (await repository
      .createQueryBuilder('record')
      .select(`"record"."${repository.metadata.primaryColumns[0].databaseName}"`, 'id')
      .addSelect(title, 'title')
      .where(`${title}::text ILIKE :pattern`, { pattern })
      .orderBy(title)
      .limit(SEARCH_LIMIT)
      .getRawMany()) as { id: string | number; title: unknown }[];
    return rows.map(({ id, title }) => ({
      id: String(id),
      title: String(title ?? ''),
      params: { [this.idName()]: id, [titleProperty]: title },
      populated: {},
      errors: {},
      baseError: null,
      recordActions: [],
      bulkActions: [],
    }));
  }

  override async validateAndSave(instance: BaseEntity): Promise<void> {
    try {
      await instance.save();
    } catch (error) {
      throw this.asValidationError(error);
    }
  }

  override async delete(id: string | number): Promise<void> {
    try {
      const instance = await this.entity.findOneBy({ [this.idName()]: id });
      if (instance) await instance.remove();
    } catch (error) {
      throw this.asValidationError(error);
    }
  }

  /**
   * Filters only on columns that exist and are ever shown: never on a secret such as a password
   * hash. Dates and phones as people mean them (typed-filters.ts), through the adapter's `custom`.
   */
  private withoutUnsafeFilters(filter: Filter): Filter {
    if (!filter?.filters) return filter;
    const metadata = this.entity.getRepository().metadata;
    for (const [path, element] of Object.entries(filter.filters)) {
      const column = metadata.columns.find((candidate) => candidate.propertyPath === path);
      if (!column || !column.isSelect) {
        delete filter.filters[path];
        continue;
      }
      const condition = typedCondition(column, element.value);
      if (condition) (element as FilterElement & { custom?: unknown }).custom = condition;
    }
    return filter;
  }

  private asValidationError(error: unknown): unknown {
    const translated =
      translateDatabaseError(error, this.entity.getRepository().metadata) ??
      (isDataException(error)
        ? { property: undefined, message: 'Проверьте заполнение полей: одно из значений не подходит' }
        : undefined);
    if (!translated) return error;
    // AdminJS treats a record without property errors as saved, so a refusal that names no
    // field is attached to a pseudo-field; the notice shows the message either way.
    const property = translated.property ?? FORM_ERROR;
    return new ValidationError(
      { [property]: { message: translated.message } },
      { message: translated.message },
    );
  }
}

/**
 * The TypeORM `where` the stock adapter builds from an AdminJS filter (its converter is not
 * exported): its `count` is run against a stand-in model that hands the options back.
 */
async function adapterWhere(filter: Filter): Promise<FindOptionsWhere<BaseEntity>> {
  let where: FindOptionsWhere<BaseEntity> = {};
  const model = {
    count: (options: { where: FindOptionsWhere<BaseEntity> }) => {
      where = options.where;
      return 0;
    },
  };
  await Resource.prototype.count.call({ model } as unknown as Resource, filter); // throws what the converter throws
  return where;
}

/**
 * A filter value nobody can read: PostgreSQL's class 22 (bad date, number out of range, NUL byte…),
 * or the adapter's own RangeError for a date it cannot parse (checked by name: it may come from
 * another realm, e.g. under jest).
 */
function isDataException(error: unknown): boolean {
  if ((error as Error | undefined)?.name === 'RangeError') return true;
  // The adapter's refusal of a date filter that is not a range (e.g. `filters.startsOn=`).
  if ((error as Error | undefined)?.message === 'Cannot parse date filter') return true;
  // 42883: the adapter compares a bigint id with ILIKE when it is filtered on (a crafted URL).
  return (
    error instanceof QueryFailedError &&
    /^(22|42883$)/.test(String((error.driverError as { code?: string }).code ?? ''))
  );
}
