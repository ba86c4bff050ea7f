import type { EntityManager } from 'typeorm';

import { LIST_COUNT_CAP } from '../../common/list-count.js';

/** Which cards a column shows: all, or a department's, or a responsible manager's. */
export interface ClientBoardFilter {
  departmentId: number | null;
  responsibleUserId: number | null;
}

/** A card on the board. */
export interface ClientBoardCard {
  id: number;
  version: number;
  stageId: number;
  companyName: string;
  /** The detail item reached in the stage («детализация»). */
  item: string | null;
  department: string;
  departmentId: number;
  responsible: string | null;
  /** The sum of the client's deals that are not cancelled, rubles as text (numeric). */
  dealTotal: string;
  /** When the client should leave the stage («Срок на этапе»); null without a limit. */
  dueAt: Date | null;
}

/** Where a client is, as a drop on the board needs it. */
export interface ClientPlacementRow {
  stageId: number;
  resumeStageId: number | null;
  pipelineId: number;
  departmentId: number;
  stageName: string;
}

/** The SQL of the clients' kanban board, in the manager it is given. */
export class ClientBoardRepository {
  constructor(private readonly manager: EntityManager) {}

  pipelines(): Promise<{ id: number; name: string }[]> {
    return this.manager.query('SELECT id, name FROM pipeline ORDER BY id');
  }

  /** Up to `limit` cards of a stage, newest first, with ids below `beforeId` when given. */
  cards(
    stageId: number,
    filter: ClientBoardFilter,
    beforeId: number | null,
    limit: number,
  ): Promise<ClientBoardCard[]> {
    const { conditions, values } = where(stageId, filter);
    if (beforeId !== null) {
      values.push(beforeId);
      conditions.push(`c.id < $${values.length}`);
    }
    return this.manager.query(
      `SELECT c.id, c.version, c.stage_id AS "stageId", c.company_name AS "companyName", si.name AS item,
              d.name AS department, c.department_id AS "departmentId", u.full_name AS responsible,
              c.stage_due_at AS "dueAt",
              COALESCE((SELECT sum(total) FROM deal WHERE deal.client_id = c.id AND deal.status <> 'cancelled'), 0)::text
                AS "dealTotal"
       FROM client c
       JOIN department d ON d.id = c.department_id
       LEFT JOIN stage_item si ON si.id = c.stage_item_id
       LEFT JOIN app_user u ON u.id = c.responsible_user_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY c.id DESC
       LIMIT ${limit}`,
      values,
    );
  }

  /** The cards of a stage, counted up to LIST_COUNT_CAP + 1 (the board shows «больше N»). */
  async count(stageId: number, filter: ClientBoardFilter): Promise<number> {
    const { conditions, values } = where(stageId, filter);
    const [row] = (await this.manager.query(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM client c WHERE ${conditions.join(' AND ')} LIMIT ${LIST_COUNT_CAP + 1}) capped`,
      values,
    )) as { count: number }[];
    return row.count;
  }

  async placement(clientId: number): Promise<ClientPlacementRow | undefined> {
    const [client] = (await this.manager.query(
      `SELECT c.stage_id AS "stageId", c.resume_stage_id AS "resumeStageId", c.pipeline_id AS "pipelineId",
              c.department_id AS "departmentId", s.name AS "stageName"
       FROM client c JOIN stage s ON s.id = c.stage_id WHERE c.id = $1`,
      [clientId],
    )) as ClientPlacementRow[];
    return client;
  }
}

function where(stageId: number, filter: ClientBoardFilter): { conditions: string[]; values: unknown[] } {
  const conditions = ['c.stage_id = $1'];
  const values: unknown[] = [stageId];
  if (filter.departmentId !== null) {
    values.push(filter.departmentId);
    conditions.push(`c.department_id = $${values.length}`);
  }
  if (filter.responsibleUserId !== null) {
    values.push(filter.responsibleUserId);
    conditions.push(`c.responsible_user_id = $${values.length}`);
  }
  return { conditions, values };
}
