import type { DataSource } from 'typeorm';

import { UserService } from '../../modules/user/user.service.js';
import type { UserRole } from '../../modules/user/entities/user.entity.js';
import { generatePassword } from '../../modules/user/password-policy.js';

/** Premises of the demo park, per object type: zone, park sector, how many, typical area in m². */
const demoPremises: {
  objectType: string;
  zone: string;
  sector: string;
  prefix: string;
  count: number;
  area: number;
}[] = [
  {
    objectType: 'Низкотемпературный производственно-складской комплекс',
    zone: 'А',
    sector: '1',
    prefix: 'А-НТ',
    count: 6,
    area: 1800,
  },
  {
    objectType: 'Многофункциональный производственно-складской комплекс',
    zone: 'А',
    sector: '2',
    prefix: 'А-МФ',
    count: 6,
    area: 2400,
  },
  {
    objectType: 'Многофункциональный мелкооптовый складской комплекс',
    zone: 'Б',
    sector: '3',
    prefix: 'Б-МО',
    count: 8,
    area: 350,
  },
  {
    objectType: 'Зона всесезонной мелкооптовой торговли',
    zone: 'Б',
    sector: '4',
    prefix: 'Б-ТП',
    count: 10,
    area: 45,
  },
  {
    objectType: 'Офисы сервисных и страховых компаний',
    zone: 'В',
    sector: '6',
    prefix: 'В-ОФ',
    count: 5,
    area: 60,
  },
  {
    objectType: 'Предприятия общепита',
    zone: 'В',
    sector: '5',
    prefix: 'В-ОП',
    count: 3,
    area: 120,
  },
  { objectType: 'Апарт-отель', zone: 'В', sector: '5', prefix: 'В-АО', count: 1, area: 4200 },
  {
    objectType: 'Гостиница для персонала',
    zone: 'В',
    sector: '5',
    prefix: 'В-ГП',
    count: 1,
    area: 1600,
  },
  { objectType: 'Розничный магазин', zone: 'Г', sector: '6', prefix: 'Г-РМ', count: 4, area: 90 },
  {
    objectType: 'Магазин автозапчастей',
    zone: 'Г',
    sector: '6',
    prefix: 'Г-АЗ',
    count: 2,
    area: 150,
  },
  { objectType: 'Аптека', zone: 'Г', sector: '6', prefix: 'Г-АП', count: 1, area: 70 },
  { objectType: 'СТО', zone: 'Д', sector: '6', prefix: 'Д-СТО', count: 2, area: 400 },
  { objectType: 'Автомойка', zone: 'Д', sector: '6', prefix: 'Д-АМ', count: 1, area: 250 },
  { objectType: 'Парк РЦ сетей', zone: 'Е', sector: '3', prefix: 'Е-РЦ', count: 3, area: 12000 },
  {
    objectType: 'Таможня',
    zone: 'Таможенный терминал',
    sector: 'Сектор ВЭД',
    prefix: 'ТТ',
    count: 4,
    area: 800,
  },
];

const demoDepartmentContacts: Record<string, { managers: string[]; head: string; committee: string[] }> = {
  'Сектор инфраструктуры и проектов': {
    managers: ['infra.manager1@kosino.example', 'infra.manager2@kosino.example'],
    head: 'infra.head@kosino.example',
    committee: ['committee@kosino.example'],
  },
  'Производственно-складской сектор': {
    managers: ['warehouse.manager1@kosino.example', 'warehouse.manager2@kosino.example'],
    head: 'warehouse.head@kosino.example',
    committee: ['committee@kosino.example'],
  },
  'Департамент ВЭД': {
    managers: ['ved.manager@kosino.example'],
    head: 'ved.head@kosino.example',
    committee: ['committee@kosino.example'],
  },
};

const demoUsers = [
  {
    email: 'infra.manager1@kosino.example',
    fullName: 'Ирина Смирнова',
    role: 'manager',
    department: 'Сектор инфраструктуры и проектов',
  },
  {
    email: 'warehouse.manager1@kosino.example',
    fullName: 'Павел Кузнецов',
    role: 'manager',
    department: 'Производственно-складской сектор',
  },
  {
    email: 'ved.manager@kosino.example',
    fullName: 'Олег Васильев',
    role: 'manager',
    department: 'Департамент ВЭД',
  },
  { email: 'committee@kosino.example', fullName: 'Елена Морозова', role: 'committee', department: null },
] as const;

export interface DemoSeedResult {
  premises: number;
  departmentsFilled: number;
  /** The users this run created, each with its password (shown once). */
  users: { email: string; password: string; role: UserRole; department: string | null }[];
}

/**
 * A realistic demo park: premises for every object type, department mailboxes where none are
 * set, and one user per role. Idempotent: existing rows and filled-in contacts are left alone.
 */
export async function seedDemo(dataSource: DataSource): Promise<DemoSeedResult> {
  const users = new UserService(dataSource);
  const createdUsers: DemoSeedResult['users'] = [];
  let premises = 0;
  let departmentsFilled = 0;
  await dataSource.transaction(async (manager) => {
    for (const group of demoPremises) {
      for (let index = 1; index <= group.count; index += 1) {
        // Areas vary by up to ±30 % around the typical one, the same on every run.
        const area = Math.round(group.area * (0.7 + ((index * 37) % 61) / 100) * 100) / 100;
        const rows = (await manager.query(
          `INSERT INTO premises (object_type_id, zone, sector, number, area_m2)
           SELECT id, $2, $3, $4, $5 FROM object_type WHERE name = $1
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            group.objectType,
            group.zone,
            group.sector,
            `${group.prefix}-${String(index).padStart(2, '0')}`,
            area,
          ],
        )) as unknown[];
        premises += rows.length;
      }
    }
    for (const [name, contacts] of Object.entries(demoDepartmentContacts)) {
      // For UPDATE, TypeORM's PostgreSQL driver answers [rows, affected count].
      const [rows] = (await manager.query(
        `UPDATE department SET manager_emails = $2, head_email = $3, committee_emails = $4, updated_at = now()
         WHERE name = $1 AND cardinality(manager_emails) = 0 AND head_email IS NULL RETURNING id`,
        [name, contacts.managers, contacts.head, contacts.committee],
      )) as [unknown[], number];
      departmentsFilled += rows.length;
    }
    for (const user of demoUsers) {
      const password = generatePassword();
      const rows = (await manager.query(
        `INSERT INTO app_user (email, full_name, role, department_id, password_hash)
         VALUES ($1, $2, $3, (SELECT id FROM department WHERE name = $4), $5)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [user.email, user.fullName, user.role, user.department, await users.hashPassword(password)],
      )) as unknown[];
      if (rows.length > 0) {
        createdUsers.push({ email: user.email, password, role: user.role, department: user.department });
      }
    }
  });
  return { premises, departmentsFilled, users: createdUsers };
}
