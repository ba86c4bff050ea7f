/**
 * The value dropdowns of an import (stage/status, source, «Ответственный»): their choices, the
 * choices suggested for the file's values, and the user's choices checked against them.
 */

import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import type { ImportKind } from './import-contract.js';
import { valueFieldsOf } from './import-job-view.js';
import type { ImportJob } from './import-job.entity.js';
import { IMPORT_FIELDS } from './import-mapping.js';
import type { ImportLines, ValueMapping, ValueOption } from './import-run-contract.js';
import type { FieldTally } from './value-mapping.js';

/** The dropdowns' choices of the job's value fields. */
export async function optionsOf(
  lines: ImportLines,
  manager: EntityManager,
  job: Pick<ImportJob, 'kind' | 'mapping'>,
  cache = new Map<string, ValueOption[]>(),
): Promise<Map<string, ValueOption[]>> {
  const options = new Map<string, ValueOption[]>();
  for (const field of valueFieldsOf(job)) {
    const key = `${job.kind}:${field}`;
    if (!cache.has(key)) cache.set(key, await lines.valueOptions(manager, job.kind, field));
    options.set(field, cache.get(key)!);
  }
  return options;
}

/**
 * A choice for every value of the file: the one made before (kept, «not mapped» too), else the
 * suggestion of ImportLines (Bitrix24's stage names, a user's full name).
 */
export async function chooseValues(
  lines: ImportLines,
  manager: EntityManager,
  kind: ImportKind,
  tallies: readonly FieldTally[],
  before: ValueMapping,
): Promise<ValueMapping> {
  const values: ValueMapping = {};
  for (const tally of tallies) {
    if (tally.values.length === 0) continue;
    const options = await lines.valueOptions(manager, kind, tally.field);
    const made = before[tally.field] ?? {};
    values[tally.field] = {};
    for (const { value } of tally.values) {
      values[tally.field][value] =
        value in made ? made[value] : lines.suggestChoice(kind, tally.field, value, options);
    }
  }
  return values;
}

/** The user's choices merged in; each must be an option of its dropdown (or null: not mapped). */
export async function chosenValues(
  lines: ImportLines,
  manager: EntityManager,
  kind: ImportKind,
  given: ValueMapping,
  values: ValueMapping,
): Promise<ValueMapping> {
  const merged: ValueMapping = { ...values };
  for (const [field, choices] of Object.entries(given ?? {})) {
    const known = IMPORT_FIELDS[kind].find((candidate) => candidate.key === field && candidate.mapsValues);
    if (!known || typeof choices !== 'object' || choices === null) {
      throw new DomainError(
        'import.value_unknown_field',
        `У поля «${field}» нет значений для сопоставления.`,
        {
          status: 422,
        },
      );
    }
    const keys = new Set((await lines.valueOptions(manager, kind, field)).map((option) => option.key));
    for (const [value, choice] of Object.entries(choices)) {
      if (choice !== null && !keys.has(choice)) {
        throw new DomainError(
          'import.value_unknown_choice',
          `Для значения «${value}» поля «${known.label}» выбран вариант, которого нет в списке.`,
          { status: 422 },
        );
      }
    }
    merged[field] = { ...merged[field], ...choices };
  }
  return merged;
}
