import type { DataSource } from 'typeorm';

/**
 * A small, fully known data set for the report tests: what happened in the production-warehouse
 * sector in the week 16–22.11.2026 (and the week before), written straight into the tables with
 * the moments it happened (services stamp "now", reports look back). Every figure the tests
 * expect follows from the rows below; the comments say which.
 */
export const WEEK = { start: '2026-11-16', end: '2026-11-22' };
export const DEPARTMENT = 'Производственно-складской сектор';
export const OTHER_DEPARTMENT = 'Департамент ВЭД';
const COLD = 'Низкотемпературный производственно-складской комплекс';
const SMALL_WHOLESALE = 'Многофункциональный мелкооптовый складской комплекс';
const CUSTOMS = 'Таможня';

/** A Moscow wall-clock time as a timestamptz literal. */
const msk = (moment: string) => `${moment}:00+03`;

export interface ReportFixture {
  departmentId: number;
  otherDepartmentId: number;
  managerId: number;
}

export async function seedReportFixture(dataSource: DataSource, managerId: number): Promise<ReportFixture> {
  const one = async <T>(sql: string, params: unknown[] = []) =>
    ((await dataSource.query(sql, params)) as T[])[0];
  const id = async (table: string, name: string) =>
    (await one<{ id: number }>(`SELECT id FROM ${table} WHERE name = $1`, [name])).id;
  const departmentId = await id('department', DEPARTMENT);
  const otherDepartmentId = await id('department', OTHER_DEPARTMENT);

  const lead = async (options: {
    objectType: string;
    company: string;
    submitted: string;
    qualifying?: string;
    processed?: string;
    outcome?: 'convert' | 'inactive';
  }) => {
    const status = options.processed ? 'processed' : options.qualifying ? 'qualifying' : 'new';
    const { id: leadId } = await one<{ id: number }>(
      `INSERT INTO lead (status, source, name, company, phone, object_type_id, department_id, submitted_at,
                         consent_text_version, consent_at, primary_result, primary_result_date, summary, summary_date, outcome, responsible_user_id,
                         status_since)
       SELECT $1::lead_status, 'form', 'Иван Петров', $2, '+74952302772', t.id, t.department_id, $3::timestamptz, '1', $3::timestamptz,
              CASE WHEN $1::text <> 'new' THEN 'Потребность выяснена' END, CASE WHEN $1::text <> 'new' THEN ($3::timestamptz)::date END,
              CASE WHEN $1::text = 'processed' THEN 'Итог' END, CASE WHEN $1::text = 'processed' THEN ($3::timestamptz)::date END, $4::lead_outcome, $5,
              $7::timestamptz
       FROM object_type t WHERE t.name = $6 RETURNING id`,
      [
        status,
        options.company,
        msk(options.submitted),
        options.outcome ?? null,
        managerId,
        options.objectType,
        // Since when the lead is in its status: its last change below.
        msk(options.processed ?? options.qualifying ?? options.submitted),
      ],
    );
    const change = (from: string | null, to: string, at: string, userId: number | null) =>
      dataSource.query(
        'INSERT INTO lead_status_change (lead_id, from_status, to_status, user_id, changed_at) VALUES ($1, $2, $3, $4, $5)',
        [leadId, from, to, userId, msk(at)],
      );
    await change('draft', 'new', options.submitted, null);
    if (options.qualifying) await change('new', 'qualifying', options.qualifying, managerId);
    if (options.processed) await change('qualifying', 'processed', options.processed, managerId);
    return leadId;
  };

  // This week: 2 cold-storage leads and 2 small-wholesale ones; the week before: 1 cold-storage.
  // Reaction (new → qualifying) this week: 2 h, 4 h, 24 h → median 4 h, worst 1 day.
  // Processing (new → processed) this week: 48 h and 48 h → 2 days. Outcomes: 1 converted, 1 inactive.
  const convertedLead = await lead({
    objectType: COLD,
    company: 'ООО «Холод»',
    submitted: '2026-11-16 10:00',
    qualifying: '2026-11-16 12:00',
    processed: '2026-11-18 10:00',
    outcome: 'convert',
  });
  await lead({
    objectType: COLD,
    company: 'ООО «Лёд»',
    submitted: '2026-11-17 09:00',
    qualifying: '2026-11-17 13:00',
    processed: '2026-11-19 09:00',
    outcome: 'inactive',
  });
  // Still waiting at the week's end (23.11 00:00): 4 days 9 hours.
  await lead({ objectType: SMALL_WHOLESALE, company: 'ООО «Ждущий»', submitted: '2026-11-18 15:00' });
  await lead({
    objectType: SMALL_WHOLESALE,
    company: 'ООО «Опт»',
    submitted: '2026-11-20 10:00',
    qualifying: '2026-11-21 10:00',
  });
  await lead({
    objectType: COLD,
    company: 'ООО «Прошлое»',
    submitted: '2026-11-10 10:00',
    qualifying: '2026-11-10 11:00',
    processed: '2026-11-12 10:00',
    outcome: 'convert',
  });
  // Another department's lead: counted in its own report only.
  await lead({ objectType: CUSTOMS, company: 'ООО «Таможня»', submitted: '2026-11-17 11:00' });

  const stage = async (pipeline: string, name: string) =>
    one<{ id: number; kind: string }>(
      `SELECT s.id, s.kind::text AS kind FROM stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.code = $1 AND s.name = $2`,
      [pipeline, name],
    );
  const item = async (stageId: number, name: string) =>
    (
      await one<{ id: number }>('SELECT id FROM stage_item WHERE stage_id = $1 AND name = $2', [
        stageId,
        name,
      ])
    ).id;
  const client = async (options: {
    name: string;
    pipeline: 'standard' | 'sectors_1_2';
    sector?: string;
    addedOn: string;
    fromLead?: number;
    moves: { at: string; kind: string; stage: string; item?: string; remark?: string }[];
  }) => {
    const last = options.moves[options.moves.length - 1];
    const lastStage = await stage(options.pipeline, last.stage);
    const lastItem = last.item ? await item(lastStage.id, last.item) : null;
    const deactivated = last.kind === 'deactivated';
    const first = await stage(options.pipeline, 'Новый');
    const { id: clientId } = await one<{ id: number }>(
      `INSERT INTO client (added_on, source, created_from_lead_id, company_name, department_id, responsible_user_id,
                           pipeline_id, stage_id, stage_item_id, stage_kind, sector_id, inactive_reason, resume_stage_id,
                           turnover_enabled, turnover_value, turnover_unit, turnover_year)
       VALUES ($1, CASE WHEN $2::int IS NULL THEN 'Выставка' ELSE 'Форма обратной связи' END, $2, $3, $4, $5,
               (SELECT id FROM pipeline WHERE code = $6), $7, $8, $9::stage_kind,
               (SELECT id FROM client_sector WHERE name = $10), $11, $12, true, 1500, 'rub', 2026)
       RETURNING id`,
      [
        options.addedOn,
        options.fromLead ?? null,
        options.name,
        departmentId,
        managerId,
        options.pipeline,
        lastStage.id,
        lastItem,
        lastStage.kind,
        options.sector ?? null,
        deactivated ? (last.remark ?? 'Причина') : null,
        deactivated ? first.id : null,
      ],
    );
    let from: { stage: string; item?: string } | null = null;
    for (const move of options.moves) {
      const to = await stage(options.pipeline, move.stage);
      await dataSource.query(
        `INSERT INTO client_status_change (client_id, kind, from_stage, from_item, to_stage, to_item, to_stage_id,
                                           to_stage_item_id, remark, user_id, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          clientId,
          move.kind,
          from?.stage ?? null,
          from?.item ?? null,
          move.stage,
          move.item ?? null,
          to.id,
          move.item ? await item(to.id, move.item) : null,
          move.remark ?? null,
          managerId,
          msk(move.at),
        ],
      );
      from = { stage: move.stage, item: move.item };
    }
    return clientId;
  };

  // Standard pipeline at the week's end: «Согласование условий…» 1 (item «Направлены…»),
  // «Договор подписан» 1, «Не активен» 1; sectors 1–2: «Активные переговоры» 1.
  // Added this week: 1 (from the converted lead); the week before: 1. Deactivated this week: 1.
  const fromLead = await client({
    name: 'ООО «Холод»',
    pipeline: 'standard',
    addedOn: '2026-11-18',
    fromLead: convertedLead,
    moves: [
      { at: '2026-11-18 10:00', kind: 'created', stage: 'Новый' },
      {
        at: '2026-11-19 10:00',
        kind: 'advanced',
        stage: 'Согласование условий сотрудничества',
        item: 'Направлены условия сотрудничества',
      },
    ],
  });
  await dataSource.query('UPDATE lead SET client_id = $1 WHERE id = $2', [fromLead, convertedLead]);
  await client({
    name: 'ООО «Рыба»',
    pipeline: 'sectors_1_2',
    sector: 'Сектор 1',
    addedOn: '2026-11-05',
    moves: [
      { at: '2026-11-05 10:00', kind: 'created', stage: 'Новый' },
      { at: '2026-11-20 10:00', kind: 'stage_set', stage: 'Активные переговоры' },
    ],
  });
  await client({
    name: 'ООО «Ушедший»',
    pipeline: 'standard',
    addedOn: '2026-10-01',
    moves: [
      { at: '2026-10-01 10:00', kind: 'created', stage: 'Новый' },
      { at: '2026-11-21 10:00', kind: 'deactivated', stage: 'Не активен', remark: 'Выбрали другой парк' },
    ],
  });
  const signedClient = await client({
    name: 'ООО «Склад»',
    pipeline: 'standard',
    addedOn: '2026-11-10',
    moves: [
      { at: '2026-11-10 10:00', kind: 'created', stage: 'Новый' },
      { at: '2026-11-17 12:00', kind: 'contract', stage: 'Договор подписан' },
    ],
  });

  const premises = async (objectType: string, number: string) =>
    (
      await one<{ id: number }>(
        `INSERT INTO premises (object_type_id, zone, sector, number, area_m2)
         SELECT id, 'А', '1', $2, 1000 FROM object_type WHERE name = $1 RETURNING id`,
        [objectType, number],
      )
    ).id;
  const serviceType = (name: string) =>
    one<{ id: number; department_id: number }>('SELECT id, department_id FROM service_type WHERE name = $1', [
      name,
    ]);
  const deal = async (options: {
    clientId: number;
    kind: 'loi' | 'contract';
    signed: string | null;
    lines: { premisesId?: number; service?: string; cost: string; years: number }[];
  }) => {
    const { id: dealId } = await one<{ id: number }>(
      `INSERT INTO deal (client_id, kind, status, deal_date, starts_on, responsible_user_id, signed_at)
       VALUES ($1, $2, $3, '2026-11-01', '2026-12-01', $4, $5) RETURNING id`,
      [
        options.clientId,
        options.kind,
        options.signed ? 'signed' : 'draft',
        managerId,
        options.signed && msk(options.signed),
      ],
    );
    let position = 0;
    for (const line of options.lines) {
      position += 1;
      if (line.premisesId) {
        await dataSource.query(
          `INSERT INTO deal_line (deal_id, position, kind, premises_id, term_years, cost_per_year, department_id, occupancy)
           SELECT $1, $2, 'premises', p.id, $3::smallint, $4, t.department_id,
                  CASE WHEN $5 THEN daterange('2026-12-01', ('2026-12-01'::date + make_interval(years => $3::int))::date) END
           FROM premises p JOIN object_type t ON t.id = p.object_type_id WHERE p.id = $6`,
          [dealId, position, line.years, line.cost, Boolean(options.signed), line.premisesId],
        );
      } else {
        const service = await serviceType(line.service!);
        await dataSource.query(
          `INSERT INTO deal_line (deal_id, position, kind, service_type_id, volume, term_years, cost_per_year, department_id)
           VALUES ($1, $2, (SELECT kind::text FROM service_type WHERE id = $3)::deal_line_kind, $3, 'Объём', $4, $5, $6)`,
          [dealId, position, service.id, line.years, line.cost, service.department_id],
        );
      }
    }
  };
  // This week: one contract: cold storage 1 200 000 × 3 years + 3PL «Ответственное хранение»
  // 250 000 × 2 (this department: 4 100 000,00 ₽) + ВЭД «Склад временного хранения» 100 000 × 1
  // (the customs department's). The week before: an LOI 500 000,50 × 2 = 1 000 001,00 ₽. A draft
  // deal of this week counts nowhere.
  await deal({
    clientId: signedClient,
    kind: 'contract',
    signed: '2026-11-17 12:00',
    lines: [
      { premisesId: await premises(COLD, 'Т-01'), cost: '1200000.00', years: 3 },
      { service: 'Ответственное хранение', cost: '250000.00', years: 2 },
      { service: 'Склад временного хранения', cost: '100000.00', years: 1 },
    ],
  });
  await deal({
    clientId: fromLead,
    kind: 'loi',
    signed: '2026-11-12 15:00',
    lines: [{ premisesId: await premises(SMALL_WHOLESALE, 'М-01'), cost: '500000.50', years: 2 }],
  });
  await deal({
    clientId: fromLead,
    kind: 'contract',
    signed: null,
    lines: [{ service: 'Упаковка', cost: '999999.00', years: 1 }],
  });

  // Two history events by the manager this week.
  for (const day of ['2026-11-18 11:00', '2026-11-19 11:00']) {
    await dataSource.query(
      `INSERT INTO history_event (client_id, type_id, comment, event_date, user_id, created_at)
       VALUES ($1, (SELECT id FROM history_event_type ORDER BY id LIMIT 1), 'Звонок', ($2::timestamptz)::date, $3, $2::timestamptz)`,
      [fromLead, msk(day), managerId],
    );
  }
  return { departmentId, otherDepartmentId, managerId };
}
