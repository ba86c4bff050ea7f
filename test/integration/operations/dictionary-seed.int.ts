import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { applyDictionarySeed, seedDictionaries } from '../../../src/operations/seeds/dictionary-seed.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

type Row = Record<string, unknown>;

describe('dictionary seed', () => {
  let database: TestDatabase;
  const query = (sql: string, parameters: unknown[] = []) =>
    database.dataSource.query(sql, parameters) as Promise<Row[]>;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('loads the three departments with the object types of Appendix 1', async () => {
    const rows = await query(
      `SELECT d.name AS department, count(o.id)::int AS types
       FROM department d LEFT JOIN object_type o ON o.department_id = d.id GROUP BY d.name, d.position ORDER BY d.position`,
    );
    expect(rows).toEqual([
      { department: 'Сектор инфраструктуры и проектов', types: 10 },
      { department: 'Производственно-складской сектор', types: 4 },
      { department: 'Департамент ВЭД', types: 1 },
    ]);
    const [customs] = await query(
      `SELECT d.name FROM object_type o JOIN department d ON d.id = o.department_id WHERE o.name = 'Таможня'`,
    );
    expect(customs.name).toBe('Департамент ВЭД');
    const [pharmacy] = await query(
      `SELECT d.name FROM object_type o JOIN department d ON d.id = o.department_id WHERE o.name = 'Аптека'`,
    );
    expect(pharmacy.name).toBe('Сектор инфраструктуры и проектов');
  });

  it('loads the 4 ВЭД and 13 3PL services', async () => {
    const rows = await query(
      `SELECT kind, count(*)::int AS count FROM service_type GROUP BY kind ORDER BY kind::text`,
    );
    expect(rows).toEqual([
      { kind: '3pl', count: 13 },
      { kind: 'ved', count: 4 },
    ]);
    const ved = await query(
      `SELECT s.name, d.name AS department FROM service_type s JOIN department d ON d.id = s.department_id
       WHERE kind = 'ved' ORDER BY s.position`,
    );
    expect(ved.map((row) => row.name)).toEqual([
      'Склад временного хранения',
      'Фитосанитарный контроль',
      'Ветеринарный контроль',
      'Услуги таможенного представителя',
    ]);
    expect(new Set(ved.map((row) => row.department))).toEqual(new Set(['Департамент ВЭД']));
    const [mercury] = await query(
      `SELECT name FROM service_type WHERE kind = '3pl' ORDER BY position DESC LIMIT 1`,
    );
    expect(mercury.name).toBe('Учёт в системе «Меркурий»');
  });

  it('loads 43 company profiles with «Производство» once, and 8 product categories', async () => {
    const [profiles] = await query(`SELECT count(*)::int AS count FROM company_profile`);
    expect(profiles.count).toBe(43);
    const production = await query(`SELECT id FROM company_profile WHERE name = 'Производство'`);
    expect(production).toHaveLength(1);
    const categories = await query(`SELECT name FROM product_category ORDER BY position`);
    expect(categories.map((row) => row.name)).toEqual([
      'Без категории',
      'Бакалея',
      'Молочные продукты',
      'Мясо и мясные продукты',
      'Напитки',
      'Продукты питания',
      'Рыба и морепродукты',
      'Фрукты и овощи',
    ]);
  });

  it('loads the client sectors with their descriptions and pipelines', async () => {
    const rows = await query(
      `SELECT s.name, s.description, p.code AS pipeline FROM client_sector s JOIN pipeline p ON p.id = s.pipeline_id
       ORDER BY s.position`,
    );
    expect(rows.map((row) => row.name)).toEqual([
      'Сектор 1',
      'Сектор 2',
      'Сектор 3',
      'Сектор 4',
      'Сектор 5',
      'Сектор 6',
      'Сектор 7',
      'Сектор ВЭД',
    ]);
    expect(rows[0]).toMatchObject({
      description: 'ФРОВ, бакалея, молочная продукция',
      pipeline: 'sectors_1_2',
    });
    expect(rows[1]).toMatchObject({ pipeline: 'sectors_1_2' });
    expect(rows[4]).toMatchObject({ description: 'Инфраструктура. Гостиница/Общепит', pipeline: 'standard' });
    expect(rows.slice(2).every((row) => row.pipeline === 'standard')).toBe(true);
  });

  it('loads both pipelines as stages with detail items and hints', async () => {
    const stages = await query(
      `SELECT p.code, s.name, s.kind, s.hint FROM stage s JOIN pipeline p ON p.id = s.pipeline_id ORDER BY p.code, s.position`,
    );
    const standard = stages.filter((stage) => stage.code === 'standard').map((stage) => stage.name);
    expect(standard).toEqual([
      'Новый',
      'Согласование условий сотрудничества',
      'Подписание LOI',
      'Согласование договора',
      'Подписание договора',
      'Договор подписан',
      'Не активен',
    ]);
    const sectors = stages.filter((stage) => stage.code === 'sectors_1_2').map((stage) => stage.name);
    expect(sectors).toEqual([
      'Новый',
      'Проявлен интерес к клиенту',
      'Активные переговоры',
      'Заключён LOI',
      'Проект на рассмотрении у клиента',
      'Подписание договора',
      'Договор подписан',
      'Не активен',
    ]);
    expect(stages.every((stage) => String(stage.hint).length > 20)).toBe(true);
    const items = await query(
      `SELECT i.name, i.kind FROM stage_item i JOIN stage s ON s.id = i.stage_id JOIN pipeline p ON p.id = s.pipeline_id
       WHERE p.code = 'standard' AND s.name = 'Согласование условий сотрудничества' ORDER BY i.position`,
    );
    expect(items).toContainEqual({ name: 'Направлены условия сотрудничества', kind: 'step' });
    expect(items).toContainEqual({ name: 'Обработка возражений', kind: 'step' });
    expect(items).toContainEqual({ name: 'Согласовано', kind: 'completes' });
    const [signing] = await query(
      `SELECT count(*)::int AS completing FROM stage_item i JOIN stage s ON s.id = i.stage_id
       WHERE s.name = 'Подписание LOI' AND i.kind = 'completes' AND i.name = 'Подписано'`,
    );
    expect(signing.completing).toBe(1);
  });

  it('loads the four history event types', async () => {
    const rows = await query(`SELECT code, name FROM history_event_type ORDER BY position`);
    expect(rows).toEqual([
      { code: 'lead_processing', name: 'Обработка «лида»/создание карточки клиента' },
      { code: 'agreement_signing', name: 'Подписание соглашения/договора' },
      { code: 'after_sales', name: 'После продажное сопровождение' },
      { code: 'import', name: 'Импорт данных' },
    ]);
  });

  it('changes nothing when run a second time', async () => {
    const snapshot = () =>
      Promise.all(
        [
          'department',
          'object_type',
          'service_type',
          'company_profile',
          'product_category',
          'history_event_type',
          'pipeline',
          'stage',
          'stage_item',
          'client_sector',
        ].map((table) => query(`SELECT * FROM ${table} ORDER BY id`)),
      );
    const before = await snapshot();
    const inserted = await database.dataSource.transaction((manager) => seedDictionaries(manager));
    expect(inserted).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('does not bring back a value an administrator deleted', async () => {
    await query(`DELETE FROM company_profile WHERE name = 'Вендинг'`);
    const result = await applyDictionarySeed(database.dataSource);
    expect(result).toEqual({ applied: false, inserted: 0 });
    expect(await query(`SELECT id FROM company_profile WHERE name = 'Вендинг'`)).toHaveLength(0);
  });
});
