import type { DataSource, EntityManager } from 'typeorm';

/**
 * Two years of believable CRM work for the demo park, so that lists, the dashboard and the
 * reports have something to show: leads from the form (most processed, a share converted),
 * client cards moving through their pipeline (some deactivated), LOIs and contracts with lines,
 * history events. Deterministic (a seeded generator), written with multi-row inserts, and only
 * into a CRM without leads yet — it never mixes with real records.
 */
export interface DemoActivityOptions {
  /** The last moment of the activity (its two years end here). */
  now?: Date;
  weeks?: number;
  leadsPerWeek?: number;
  seed?: number;
}

export interface DemoActivityResult {
  leads: number;
  clients: number;
  deals: number;
  historyEvents: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a tiny deterministic generator, so every demo database is the same. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (low: number, high: number) => low + next() * (high - low),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (probability: number) => next() < probability,
  };
}

const companies = [
  'Агроторг',
  'Вкусный двор',
  'Северная рыба',
  'Молочный край',
  'Фреш Логистик',
  'Зелёная линия',
  'Полярис',
  'Таможенный брокер «Восток»',
  'Бакалея-Опт',
  'Кофейня «Зерно»',
  'Фармация',
  'АвтоДеталь',
  'Чистый мир',
  'ТрансКарго',
  'Сибирские продукты',
  'Кондитер',
  'ЭкоФерма',
  'Мясной двор',
  'Импорт-Трейд',
  'Гастроном',
] as const;
const forms = ['ООО', 'АО', 'ИП'] as const;
const people = [
  'Иван Петров',
  'Анна Соколова',
  'Дмитрий Орлов',
  'Елена Кузнецова',
  'Сергей Волков',
  'Ольга Лебедева',
  'Алексей Новиков',
  'Мария Фёдорова',
  'Николай Морозов',
  'Татьяна Павлова',
] as const;
const reasons = [
  'Выбрали другой парк',
  'Отложили проект на следующий год',
  'Не устроила стоимость',
  'Не выходит на связь',
  'Нужна площадь больше, чем есть',
] as const;
const comments = [
  'Созвонились, обсудили потребность в площадях и сроки',
  'Отправили коммерческое предложение',
  'Провели экскурсию по парку',
  'Клиент запросил встречные условия по ставке',
  'Обсудили услуги 3PL и ответственное хранение',
  'Согласовали график платежей',
] as const;

interface Move {
  at: number;
  kind: string;
  stageId: number;
  stageName: string;
  itemId: number | null;
  itemName: string | null;
  remark: string | null;
}

export async function seedDemoActivity(
  dataSource: DataSource,
  options: DemoActivityOptions = {},
): Promise<DemoActivityResult> {
  const empty: DemoActivityResult = { leads: 0, clients: 0, deals: 0, historyEvents: 0 };
  return dataSource.transaction(async (manager) => {
    const [{ leads: existing }] = (await manager.query('SELECT count(*)::int AS leads FROM lead')) as {
      leads: number;
    }[];
    if (existing > 0) return empty;
    return generate(manager, options);
  });
}

async function generate(manager: EntityManager, options: DemoActivityOptions): Promise<DemoActivityResult> {
  const random = generator(options.seed ?? 20261127);
  const now = (options.now ?? new Date()).getTime();
  const weeks = options.weeks ?? 104;
  const start = now - weeks * 7 * DAY;
  const query = <T>(sql: string, params: unknown[] = []) => manager.query(sql, params) as Promise<T[]>;

  const objectTypes = await query<{ id: number; departmentId: number; name: string }>(
    'SELECT id, department_id AS "departmentId", name FROM object_type ORDER BY id',
  );
  const managers = await query<{ id: number; departmentId: number }>(
    `SELECT id, department_id AS "departmentId" FROM app_user WHERE role = 'manager' AND active AND department_id IS NOT NULL`,
  );
  const sectors = await query<{ id: number; pipelineId: number }>(
    'SELECT id, pipeline_id AS "pipelineId" FROM client_sector ORDER BY position',
  );
  const stages = await query<{
    id: number;
    pipelineId: number;
    name: string;
    kind: string;
    position: number;
  }>(
    'SELECT id, pipeline_id AS "pipelineId", name, kind::text AS kind, position FROM stage ORDER BY pipeline_id, position',
  );
  const items = await query<{ id: number; stageId: number; name: string; kind: string }>(
    'SELECT id, stage_id AS "stageId", name, kind::text AS kind FROM stage_item ORDER BY stage_id, position',
  );
  const premises = await query<{ id: number; objectTypeId: number; departmentId: number }>(
    `SELECT p.id, p.object_type_id AS "objectTypeId", t.department_id AS "departmentId"
     FROM premises p JOIN object_type t ON t.id = p.object_type_id WHERE p.active ORDER BY p.id`,
  );
  const services = await query<{ id: number; kind: 'ved' | '3pl'; departmentId: number }>(
    'SELECT id, kind::text AS kind, department_id AS "departmentId" FROM service_type ORDER BY id',
  );
  const eventTypes = await query<{ id: number; code: string }>('SELECT id, code FROM history_event_type');
  const companyProfiles = await query<{ id: number }>('SELECT id FROM company_profile ORDER BY id');
  const productCategories = await query<{ id: number }>('SELECT id FROM product_category ORDER BY id');
  const [{ standardId }] = await query<{ standardId: number }>(
    `SELECT id AS "standardId" FROM pipeline WHERE code = 'standard'`,
  );
  if (objectTypes.length === 0 || managers.length === 0)
    return { leads: 0, clients: 0, deals: 0, historyEvents: 0 };
  const eventType = (code: string) => eventTypes.find((type) => type.code === code)?.id ?? eventTypes[0].id;
  const managerOf = (departmentId: number) => {
    const own = managers.filter((user) => user.departmentId === departmentId);
    return random.pick(own.length > 0 ? own : managers);
  };
  // Cold storage and small wholesale are what the park is asked about most.
  const weights = objectTypes.map((type) => (/склад|торговл|Таможня/i.test(type.name) ? 5 : 1));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const pickObjectType = () => {
    let roll = random.next() * totalWeight;
    for (let index = 0; index < objectTypes.length; index += 1) {
      roll -= weights[index];
      if (roll <= 0) return objectTypes[index];
    }
    return objectTypes[objectTypes.length - 1];
  };
  /** A moment within Moscow working hours (09:00–19:00, UTC+3) on the day of `moment`. */
  const workingMoment = (moment: number) => {
    const day = Math.floor(moment / DAY) * DAY;
    return day + (6 + random.between(0, 10)) * HOUR;
  };
  const moscowDate = (moment: number) => new Date(moment + 3 * HOUR).toISOString().slice(0, 10);
  const iso = (moment: number) => new Date(moment).toISOString();

  const next = async (sequence: string) =>
    Number((await query<{ value: string }>(`SELECT last_value + 1 AS value FROM ${sequence}`))[0].value);
  let leadId = await next('lead_id_seq');
  let clientId = await next('client_id_seq');
  let dealId = await next('deal_id_seq');
  const rows = {
    leads: [] as Record<string, unknown>[],
    leadChanges: [] as Record<string, unknown>[],
    clients: [] as Record<string, unknown>[],
    clientChanges: [] as Record<string, unknown>[],
    deals: [] as Record<string, unknown>[],
    lines: [] as Record<string, unknown>[],
    events: [] as Record<string, unknown>[],
  };
  const occupiedUntil = new Map<number, number>();

  const totalLeads = Math.round(weeks * (options.leadsPerWeek ?? 25));
  for (let index = 0; index < totalLeads; index += 1) {
    const submitted = Math.min(workingMoment(start + random.next() * (now - start - HOUR)), now - HOUR);
    const type = pickObjectType();
    const responsible = managerOf(type.departmentId);
    const age = now - submitted;
    const reaction = Math.min(random.between(0.3, 1) ** 3 * 72 * HOUR, age * 0.9);
    const takenAt = submitted + reaction;
    const processedAt = takenAt + random.between(0.5, 12) * DAY;
    const taken = takenAt < now && (age > 2 * DAY || random.chance(0.6));
    const processed = taken && processedAt < now && (age > 20 * DAY || random.chance(0.4));
    const convert = processed && random.chance(0.4);
    const company = `${random.pick(forms)} «${random.pick(companies)}»`;
    const person = random.pick(people);
    const id = leadId++;
    rows.leads.push({
      id,
      status: processed ? 'processed' : taken ? 'qualifying' : 'new',
      source: 'form',
      name: person,
      company,
      phone: `+7495${String(2_000_000 + ((id * 7919) % 7_999_999)).padStart(7, '0')}`,
      email: `client${id}@example.ru`,
      object_type_id: type.id,
      department_id: type.departmentId,
      submitted_at: iso(submitted),
      created_at: iso(submitted),
      // Since when the lead is in its status: its last change below (the deadlines and the
      // figures of processed leads read it).
      status_since: iso(processed ? processedAt : taken ? takenAt : submitted),
      consent_text_version: '1',
      consent_at: iso(submitted),
      responsible_user_id: responsible.id,
      primary_result: taken ? 'Выяснили потребность: площадь, сроки, бюджет' : null,
      primary_result_date: taken ? moscowDate(takenAt) : null,
      summary: processed ? (convert ? 'Готов к переговорам' : 'Интерес не подтвердился') : null,
      summary_date: processed ? moscowDate(processedAt) : null,
      outcome: processed ? (convert ? 'convert' : 'inactive') : null,
      client_id: convert ? clientId : null,
    });
    rows.leadChanges.push({
      lead_id: id,
      from_status: 'draft',
      to_status: 'new',
      user_id: null,
      changed_at: iso(submitted),
    });
    if (taken)
      rows.leadChanges.push({
        lead_id: id,
        from_status: 'new',
        to_status: 'qualifying',
        user_id: responsible.id,
        changed_at: iso(takenAt),
      });
    if (processed)
      rows.leadChanges.push({
        lead_id: id,
        from_status: 'qualifying',
        to_status: 'processed',
        user_id: responsible.id,
        changed_at: iso(processedAt),
      });
    if (!convert) continue;

    // The client card made from the lead, and its way through the pipeline.
    const sector = random.chance(0.8) ? random.pick(sectors) : null;
    const pipelineId = sector?.pipelineId ?? standardId;
    const pipeline = stages.filter((stage) => stage.pipelineId === pipelineId);
    const open = pipeline.filter((stage) => stage.kind === 'open');
    const won = pipeline.find((stage) => stage.kind === 'won')!;
    const lost = pipeline.find((stage) => stage.kind === 'lost')!;
    const id2 = clientId++;
    const moves: Move[] = [
      {
        at: processedAt,
        kind: 'created',
        stageId: open[0].id,
        stageName: open[0].name,
        itemId: null,
        itemName: null,
        remark: `Из лида №${id}`,
      },
    ];
    let at = processedAt;
    let reachedWon = false;
    let loiAt: number | null = null;
    for (const stage of open.slice(1)) {
      at = workingMoment(at + random.between(3, 25) * DAY);
      if (at > now || !random.chance(0.68)) break;
      const stepItems = items.filter((item) => item.stageId === stage.id && item.kind === 'step');
      const item = stepItems.length > 0 && random.chance(0.7) ? random.pick(stepItems) : null;
      moves.push({
        at,
        kind: 'advanced',
        stageId: stage.id,
        stageName: stage.name,
        itemId: item?.id ?? null,
        itemName: item?.name ?? null,
        remark: null,
      });
      if (/LOI/.test(stage.name)) loiAt = at;
    }
    const lastOpen = moves[moves.length - 1];
    if (lastOpen.stageName === open[open.length - 1].name) {
      const signedAt = workingMoment(lastOpen.at + random.between(2, 15) * DAY);
      if (signedAt < now && random.chance(0.75)) {
        moves.push({
          at: signedAt,
          kind: 'contract',
          stageId: won.id,
          stageName: won.name,
          itemId: null,
          itemName: null,
          remark: 'Договор подписан',
        });
        reachedWon = true;
      }
    }
    const deactivatedAt = workingMoment(moves[moves.length - 1].at + random.between(5, 40) * DAY);
    const deactivated = !reachedWon && deactivatedAt < now && random.chance(0.35);
    if (deactivated) {
      moves.push({
        at: deactivatedAt,
        kind: 'deactivated',
        stageId: lost.id,
        stageName: lost.name,
        itemId: null,
        itemName: null,
        remark: random.pick(reasons),
      });
    }
    const last = moves[moves.length - 1];
    const resume = deactivated ? moves[moves.length - 2] : null;
    rows.clients.push({
      id: id2,
      added_on: moscowDate(processedAt),
      source: 'Форма обратной связи',
      created_from_lead_id: id,
      company_name: company,
      sector_id: sector?.id ?? null,
      company_profile_id:
        companyProfiles.length > 0 && random.chance(0.8) ? random.pick(companyProfiles).id : null,
      product_category_id:
        productCategories.length > 0 && random.chance(0.7) ? random.pick(productCategories).id : null,
      department_id: type.departmentId,
      responsible_user_id: responsible.id,
      phone: null,
      email: `client${id}@example.ru`,
      contacts: [
        {
          lastName: person.split(' ')[1],
          firstName: person.split(' ')[0],
          middleName: null,
          position: null,
          phone: null,
          email: null,
        },
      ],
      pipeline_id: pipelineId,
      stage_id: last.stageId,
      stage_item_id: last.itemId,
      stage_kind: pipeline.find((stage) => stage.id === last.stageId)!.kind,
      stage_since: iso(last.at),
      inactive_reason: deactivated ? last.remark : null,
      resume_stage_id: resume?.stageId ?? null,
      resume_stage_item_id: resume?.itemId ?? null,
      turnover_enabled: random.chance(0.4),
      created_at: iso(processedAt),
    });
    const client = rows.clients[rows.clients.length - 1];
    if (client.turnover_enabled) {
      const year = Number(moscowDate(processedAt).slice(0, 4));
      Object.assign(client, {
        turnover_value: Math.round(random.between(5, 500)) * (sector && random.chance(0.5) ? 1 : 1_000_000),
        turnover_unit: random.chance(0.5) ? 'thousand_tonnes' : 'rub',
        turnover_year: year,
      });
    }
    let previous: Move | null = null;
    for (const move of moves) {
      rows.clientChanges.push({
        client_id: id2,
        kind: move.kind,
        from_stage: previous?.stageName ?? null,
        from_item: previous?.itemName ?? null,
        to_stage: move.stageName,
        to_item: move.itemName,
        to_stage_id: move.stageId,
        to_stage_item_id: move.itemId,
        remark: move.remark,
        user_id: responsible.id,
        changed_at: iso(move.at),
      });
      previous = move;
    }
    for (const move of moves.slice(0, 3)) {
      rows.events.push({
        client_id: id2,
        type_id: eventType(move.kind === 'created' ? 'lead_processing' : 'after_sales'),
        comment: random.pick(comments),
        event_date: moscowDate(move.at),
        user_id: responsible.id,
        automatic: false,
        created_at: iso(move.at + HOUR),
        updated_at: iso(move.at + HOUR),
      });
    }

    // Deals: an LOI when the client reached the LOI stage, a contract when it signed.
    const addDeal = (kind: 'loi' | 'contract', signedAt: number, closedAt: number | null) => {
      const id3 = dealId++;
      const startsOn = moscowDate(signedAt + 14 * DAY);
      let total = 0;
      let position = 0;
      const department = type.departmentId;
      const free = premises.filter(
        (candidate) =>
          candidate.departmentId === department && (occupiedUntil.get(candidate.id) ?? 0) < signedAt,
      );
      const wantsPremises = free.length > 0 && kind === 'contract' && !/Таможня/.test(type.name);
      if (wantsPremises) {
        const place = random.pick(free);
        const term = Math.ceil(random.between(1, 5));
        const cost = Math.round(random.between(0.3, 6) * 1_000_000);
        const from = Date.parse(`${startsOn}T00:00:00Z`);
        const until = from + term * 366 * DAY;
        occupiedUntil.set(place.id, until);
        rows.lines.push({
          deal_id: id3,
          position: ++position,
          kind: 'premises',
          premises_id: place.id,
          service_type_id: null,
          volume: null,
          term_years: term,
          cost_per_year: cost,
          department_id: place.departmentId,
          occupancy: `[${startsOn},${moscowDate(until)})`,
        });
        total += cost * term;
      }
      const serviceCount = wantsPremises ? (random.chance(0.4) ? 1 : 0) : 1 + (random.chance(0.3) ? 1 : 0);
      const departmentServices = services.filter((service) => service.departmentId === department);
      for (let count = 0; count < serviceCount; count += 1) {
        const service = random.pick(departmentServices.length > 0 ? departmentServices : services);
        const term = Math.ceil(random.between(1, 3));
        const cost = Math.round(random.between(0.1, 2) * 1_000_000);
        rows.lines.push({
          deal_id: id3,
          position: ++position,
          kind: service.kind,
          premises_id: null,
          service_type_id: service.id,
          volume: 'По заявкам клиента',
          term_years: term,
          cost_per_year: cost,
          department_id: service.departmentId,
          occupancy: null,
        });
        total += cost * term;
      }
      rows.deals.push({
        id: id3,
        client_id: id2,
        kind,
        status: closedAt ? 'closed' : 'signed',
        deal_date: moscowDate(signedAt),
        starts_on: startsOn,
        responsible_user_id: responsible.id,
        total,
        signed_at: iso(signedAt),
        closed_at: closedAt ? iso(closedAt) : null,
        created_at: iso(signedAt - 2 * DAY),
      });
    };
    const contractAt = reachedWon ? moves.find((move) => move.kind === 'contract')!.at : null;
    if (loiAt !== null) addDeal('loi', loiAt, contractAt);
    if (contractAt !== null) addDeal('contract', contractAt, null);
  }

  // Leads point at their clients and clients at their leads: the lead's link is set afterwards.
  const clientLinks = rows.leads
    .filter((lead) => lead.client_id !== null)
    .map((lead) => [lead.id, lead.client_id]);
  for (const lead of rows.leads) lead.client_id = null;
  await insertRows(manager, 'lead', rows.leads);
  await insertRows(manager, 'lead_status_change', rows.leadChanges);
  await insertRows(manager, 'client', rows.clients);
  await manager.query(
    `UPDATE lead SET client_id = link.client_id
     FROM jsonb_to_recordset($1::jsonb) AS link(lead_id int, client_id int) WHERE lead.id = link.lead_id`,
    [JSON.stringify(clientLinks.map(([lead, client]) => ({ lead_id: lead, client_id: client })))],
  );
  await insertRows(manager, 'client_status_change', rows.clientChanges);
  await insertRows(manager, 'history_event', rows.events);
  await insertRows(manager, 'deal', rows.deals);
  await insertRows(manager, 'deal_line', rows.lines);
  for (const [table, last] of [
    ['lead', leadId - 1],
    ['client', clientId - 1],
    ['deal', dealId - 1],
  ] as const) {
    if (last > 0) await manager.query(`SELECT setval('${table}_id_seq', $1)`, [last]);
  }
  return {
    leads: rows.leads.length,
    clients: rows.clients.length,
    deals: rows.deals.length,
    historyEvents: rows.events.length,
  };
}

/**
 * Multi-row inserts through `jsonb_populate_recordset` (PostgreSQL converts every field to its
 * column's type), a thousand rows per statement.
 */
async function insertRows(
  manager: EntityManager,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const list = columns.map((column) => `"${column}"`).join(', ');
  for (let offset = 0; offset < rows.length; offset += 1000) {
    const chunk = rows.slice(offset, offset + 1000);
    await manager.query(
      `INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`,
      [
        JSON.stringify(
          chunk.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null]))),
        ),
      ],
    );
  }
}
