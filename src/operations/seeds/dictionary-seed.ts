import type { DataSource, EntityManager } from 'typeorm';

import {
  clientSectors,
  companyProfiles,
  departments,
  historyEventTypes,
  pipelines,
  productCategories,
  THREE_PL_DEPARTMENT,
  threePlServices,
  VED_DEPARTMENT,
  vedServices,
} from './dictionary-data.js';

/**
 * Loads the product's dictionaries (docs/product.md). Every insert is keyed by the value's natural key and skips rows
 * that exist, so running it twice changes nothing and never overwrites an administrator's edits.
 */
export async function seedDictionaries(manager: EntityManager): Promise<number> {
  let inserted = 0;
  const insert = async (sql: string, parameters: unknown[]) => {
    const result = (await manager.query(
      `${sql} ON CONFLICT DO NOTHING RETURNING 1`,
      parameters,
    )) as unknown[];
    inserted += result.length;
  };

  for (const [index, department] of departments.entries()) {
    await insert('INSERT INTO department (name, position) VALUES ($1, $2)', [department.name, index + 1]);
    for (const [position, objectType] of department.objectTypes.entries()) {
      await insert(
        `INSERT INTO object_type (name, department_id, position)
         SELECT $1, id, $3 FROM department WHERE name = $2`,
        [objectType, department.name, position + 1],
      );
    }
  }

  const services = [
    ...vedServices.map((name) => ({ kind: 'ved', name, department: VED_DEPARTMENT })),
    ...threePlServices.map((name) => ({ kind: '3pl', name, department: THREE_PL_DEPARTMENT })),
  ];
  for (const [index, service] of services.entries()) {
    await insert(
      `INSERT INTO service_type (kind, name, department_id, position)
       SELECT $1, $2, id, $4 FROM department WHERE name = $3`,
      [service.kind, service.name, service.department, index + 1],
    );
  }

  for (const [index, name] of companyProfiles.entries()) {
    await insert('INSERT INTO company_profile (name, position) VALUES ($1, $2)', [name, index + 1]);
  }
  for (const [index, name] of productCategories.entries()) {
    await insert('INSERT INTO product_category (name, position) VALUES ($1, $2)', [name, index + 1]);
  }
  for (const [index, type] of historyEventTypes.entries()) {
    await insert('INSERT INTO history_event_type (code, name, position) VALUES ($1, $2, $3)', [
      type.code,
      type.name,
      index + 1,
    ]);
  }

  for (const pipeline of pipelines) {
    await insert('INSERT INTO pipeline (code, name) VALUES ($1, $2)', [pipeline.code, pipeline.name]);
    for (const [stageIndex, stage] of pipeline.stages.entries()) {
      await insert(
        `INSERT INTO stage (pipeline_id, position, name, kind, hint, limit_days)
         SELECT id, $2, $3, $4, $5, $6 FROM pipeline WHERE code = $1`,
        [pipeline.code, stageIndex + 1, stage.name, stage.kind, stage.hint, stage.limitDays ?? null],
      );
      for (const [itemIndex, [name, kind]] of stage.items.entries()) {
        await insert(
          `INSERT INTO stage_item (stage_id, position, name, kind)
           SELECT stage.id, $3, $4, $5 FROM stage JOIN pipeline ON pipeline.id = stage.pipeline_id
           WHERE pipeline.code = $1 AND stage.name = $2`,
          [pipeline.code, stage.name, itemIndex + 1, name, kind],
        );
      }
    }
  }

  for (const [index, sector] of clientSectors.entries()) {
    await insert(
      `INSERT INTO client_sector (code, name, description, pipeline_id, position)
       SELECT $1, $2, $3, id, $5 FROM pipeline WHERE code = $4`,
      [sector.code, sector.name, sector.description, sector.pipeline, index + 1],
    );
  }
  return inserted;
}

/** Bump when dictionary-data.ts gains values that existing installations should receive. */
export const DICTIONARY_SEED_VERSION = 2;
const SEED_VERSION_KEY = 'dictionary_seed_version';
const SEED_LOCK = 7_311_001;

/**
 * Runs the seed once per seed version (so a value an administrator deleted stays deleted),
 * under an advisory lock so that instances starting together do not race.
 */
export async function applyDictionarySeed(
  dataSource: DataSource,
): Promise<{ applied: boolean; inserted: number }> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const rows = (await manager.query('SELECT value FROM app_setting WHERE key = $1', [
      SEED_VERSION_KEY,
    ])) as {
      value: string;
    }[];
    if (rows.length > 0 && Number(rows[0].value) >= DICTIONARY_SEED_VERSION)
      return { applied: false, inserted: 0 };
    const inserted = await seedDictionaries(manager);
    await manager.query(
      `INSERT INTO app_setting (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [SEED_VERSION_KEY, String(DICTIONARY_SEED_VERSION)],
    );
    return { applied: true, inserted };
  });
}
