import type { EntityManager } from 'typeorm';

import { moscowToday } from '../../../common/moscow-date.js';
import type { Funnel, FunnelStage, NamedCount, Period } from '../documents/report-data.js';
import { PERIOD_BOUNDS, countBoth, inBoth, periodParameters } from './period-sql.js';
import { addDays } from '../report-periods.js';

interface StageRow {
  id: number;
  name: string;
  kind: 'open' | 'won' | 'lost';
  pipelineId: number;
  pipeline: string;
}

interface ItemRow {
  id: number;
  stageId: number;
  name: string;
}

type Placements = Map<string, number>;

/**
 * Where the department's clients stood on a day: each client's last status change before that
 * day's Moscow midnight (the timeline keeps the stage and item ids), counted per stage and item.
 */
async function placementsBefore(
  manager: EntityManager,
  departmentId: number | null,
  dayAfter: string,
): Promise<Placements> {
  const rows = (await manager.query(
    `WITH last AS (
       SELECT DISTINCT ON (c.client_id) c.to_stage_id, c.to_stage_item_id
       FROM client_status_change c JOIN client cl ON cl.id = c.client_id
       WHERE ($1::int IS NULL OR cl.department_id = $1)
         AND c.changed_at < ($2::date)::timestamp AT TIME ZONE 'Europe/Moscow'
       ORDER BY c.client_id, c.changed_at DESC, c.id DESC)
     SELECT to_stage_id AS "stageId", to_stage_item_id AS "itemId", count(*)::int AS clients
     FROM last WHERE to_stage_id IS NOT NULL GROUP BY 1, 2`,
    [departmentId, dayAfter],
  )) as { stageId: number; itemId: number | null; clients: number }[];
  return toPlacements(rows);
}

function toPlacements(rows: { stageId: number; itemId: number | null; clients: number }[]): Placements {
  const placements: Placements = new Map();
  for (const row of rows) {
    placements.set(`${row.stageId}`, (placements.get(`${row.stageId}`) ?? 0) + row.clients);
    if (row.itemId !== null) placements.set(`${row.stageId}:${row.itemId}`, row.clients);
  }
  return placements;
}

/** Where the department's clients stand now (see loadStandingFunnels). */
async function placementsNow(manager: EntityManager, departmentId: number): Promise<Placements> {
  const rows = (await manager.query(
    `SELECT stage_id AS "stageId", stage_item_id AS "itemId", count(*)::int AS clients
     FROM client WHERE department_id = $1 GROUP BY 1, 2`,
    [departmentId],
  )) as { stageId: number; itemId: number | null; clients: number }[];
  return toPlacements(rows);
}

/**
 * The same for every department at once (one pass over the timeline instead of one per
 * department): the annual statistics need it for each department and the whole park. Kept for
 * the snapshot (the manager) it was read in.
 */
const placementsMemo = new WeakMap<EntityManager, Map<string, Promise<Map<number, Placements>>>>();

function placementsOfEveryDepartment(
  manager: EntityManager,
  dayAfter: string,
): Promise<Map<number, Placements>> {
  const memo = placementsMemo.get(manager) ?? new Map<string, Promise<Map<number, Placements>>>();
  placementsMemo.set(manager, memo);
  const known = memo.get(dayAfter);
  if (known) return known;
  const loading = (async () => {
    const rows = (await manager.query(
      `WITH last AS (
         SELECT DISTINCT ON (c.client_id) cl.department_id, c.to_stage_id, c.to_stage_item_id
         FROM client_status_change c JOIN client cl ON cl.id = c.client_id
         WHERE c.changed_at < ($1::date)::timestamp AT TIME ZONE 'Europe/Moscow'
         ORDER BY c.client_id, c.changed_at DESC, c.id DESC)
       SELECT department_id AS "departmentId", to_stage_id AS "stageId", to_stage_item_id AS "itemId",
              count(*)::int AS clients
       FROM last WHERE to_stage_id IS NOT NULL GROUP BY 1, 2, 3`,
      [dayAfter],
    )) as { departmentId: number; stageId: number; itemId: number | null; clients: number }[];
    const byDepartment = new Map<number, Placements>();
    for (const row of rows) {
      const placements = byDepartment.get(row.departmentId) ?? new Map<string, number>();
      byDepartment.set(row.departmentId, placements);
      placements.set(`${row.stageId}`, (placements.get(`${row.stageId}`) ?? 0) + row.clients);
      if (row.itemId !== null) {
        const key = `${row.stageId}:${row.itemId}`;
        placements.set(key, (placements.get(key) ?? 0) + row.clients);
      }
    }
    return byDepartment;
  })();
  memo.set(dayAfter, loading);
  return loading;
}

async function placementsOf(manager: EntityManager, departmentId: number | null, dayAfter: string) {
  const byDepartment = await placementsOfEveryDepartment(manager, dayAfter);
  if (departmentId !== null) return byDepartment.get(departmentId) ?? new Map<string, number>();
  const all: Placements = new Map();
  for (const placements of byDepartment.values()) {
    for (const [key, clients] of placements) all.set(key, (all.get(key) ?? 0) + clients);
  }
  return all;
}

async function pipelineStages(manager: EntityManager): Promise<{ stages: StageRow[]; items: ItemRow[] }> {
  const stages = (await manager.query(
    `SELECT s.id, s.name, s.kind::text AS kind, p.id AS "pipelineId", p.name AS pipeline
     FROM stage s JOIN pipeline p ON p.id = s.pipeline_id ORDER BY p.id, s.position, s.id`,
  )) as StageRow[];
  const items = (await manager.query(
    `SELECT id, stage_id AS "stageId", name FROM stage_item ORDER BY stage_id, position, id`,
  )) as ItemRow[];
  return { stages, items };
}

function byPipeline(stages: StageRow[]): StageRow[][] {
  const groups = new Map<number, StageRow[]>();
  for (const stage of stages) groups.set(stage.pipelineId, [...(groups.get(stage.pipelineId) ?? []), stage]);
  return [...groups.values()];
}

/** A funnel as it stands at a moment: the clients at each stage and item. */
export interface StandingFunnel {
  pipeline: string;
  stages: Omit<FunnelStage, 'entered'>[];
}

/**
 * Where a department's clients stood at the end of a day, per pipeline that has any. For a day not
 * over yet that is where they stand now: a client row's stage is the last change of its timeline,
 * so they are counted from an index of the client table (client_department_stage_item) instead of
 * a pass over the whole timeline.
 */
export async function loadStandingFunnels(
  manager: EntityManager,
  departmentId: number,
  day: string,
): Promise<StandingFunnel[]> {
  const { stages, items } = await pipelineStages(manager);
  const placements = await placementsAtEndOf(manager, departmentId, day);
  return byPipeline(stages)
    .map((pipeline) => ({ pipeline: pipeline[0].pipeline, stages: standings(pipeline, items, placements) }))
    .filter((funnel) => funnel.stages.some((stage) => stage.clients > 0));
}

/**
 * The client funnel of a department at the period's end, one per pipeline that has its clients,
 * with the moves into each stage during the period and the previous one.
 */
export async function loadFunnels(
  manager: EntityManager,
  scope: { departmentId: number; previous: Period; period: Period },
): Promise<Funnel[]> {
  const { stages, items } = await pipelineStages(manager);
  const placements = await placementsAtEndOf(manager, scope.departmentId, scope.period.end);
  const entered = (await manager.query(
    `WITH ${PERIOD_BOUNDS}
     SELECT c.to_stage_id AS "stageId", ${countBoth('c.changed_at', 'DISTINCT c.client_id')}
     FROM bounds, client_status_change c JOIN client cl ON cl.id = c.client_id
     WHERE cl.department_id = $4 AND c.from_stage IS DISTINCT FROM c.to_stage AND ${inBoth('c.changed_at')}
     GROUP BY 1`,
    [...periodParameters(scope.period, scope.previous), scope.departmentId],
  )) as { stageId: number; current: number; previous: number }[];
  return byPipeline(stages)
    .map((pipeline) => ({
      pipeline: pipeline[0].pipeline,
      stages: standings(pipeline, items, placements).map((stage, index) => ({
        ...stage,
        entered: entered.find((row) => row.stageId === pipeline[index].id) ?? { current: 0, previous: 0 },
      })),
    }))
    .filter((funnel) => funnel.stages.some((stage) => stage.clients > 0 || stage.entered.current > 0));
}

function placementsAtEndOf(manager: EntityManager, departmentId: number, day: string): Promise<Placements> {
  return day >= moscowToday()
    ? placementsNow(manager, departmentId)
    : placementsBefore(manager, departmentId, addDays(day, 1));
}

function standings(pipeline: StageRow[], items: ItemRow[], placements: Placements) {
  return pipeline.map((stage) => ({
    name: stage.name,
    kind: stage.kind,
    clients: placements.get(`${stage.id}`) ?? 0,
    items: items
      .filter((item) => item.stageId === stage.id)
      .map((item) => ({ name: item.name, clients: placements.get(`${stage.id}:${item.id}`) ?? 0 })),
  }));
}

/** Clients per stage at the end of a year and of the year before, per pipeline that has any. */
export async function loadYearEndStatuses(
  manager: EntityManager,
  departmentId: number | null,
  year: number,
): Promise<{ pipeline: string; stages: NamedCount[] }[]> {
  const { stages } = await pipelineStages(manager);
  const current = await placementsOf(manager, departmentId, `${year + 1}-01-01`);
  const previous = await placementsOf(manager, departmentId, `${year}-01-01`);
  return byPipeline(stages)
    .map((pipeline) => ({
      pipeline: pipeline[0].pipeline,
      stages: pipeline.map((stage) => ({
        name: stage.name,
        current: current.get(`${stage.id}`) ?? 0,
        previous: previous.get(`${stage.id}`) ?? 0,
      })),
    }))
    .filter((pipeline) => pipeline.stages.some((stage) => stage.current > 0 || stage.previous > 0));
}
