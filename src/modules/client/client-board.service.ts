import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { LIST_COUNT_CAP } from '../../common/list-count.js';
import { PipelineService, type PipelineStage } from '../pipeline/pipeline.service.js';
import { refuseOtherDepartment } from '../user/department-access.js';
import { clientBoardAction, type ClientBoardAction } from './client-transitions.js';

/** Cards a column shows at once; scrolling asks for the next ones. */
export const CLIENT_BOARD_PAGE_SIZE = 30;

export interface ClientBoardFilter {
  departmentId: number | null;
  responsibleUserId: number | null;
}

export interface ClientCard {
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

export interface ClientColumnPage {
  cards: ClientCard[];
  next: string | null;
}

export interface ClientColumn extends ClientColumnPage {
  stageId: number;
  title: string;
  kind: PipelineStage['kind'];
  /** «Что делать дальше» at this stage. */
  hint: string;
  count: number;
}

export interface ClientBoard {
  pipelines: { id: number; name: string }[];
  pipelineId: number;
  columns: ClientColumn[];
}

const CURSOR = /^(\d{1,10})$/;
export const BAD_CLIENT_CURSOR = 'Не удалось продолжить список — обновите доску';

/**
 * «Клиенты — воронка»: one board per pipeline, a column per stage, read a page at a time
 * (client (stage_id, id) and (department_id, stage_id, id) serve every column). Moves are made by
 * the client's record actions; `planMove` says which and refuses what none of them allows.
 */
@Injectable()
export class ClientBoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
  ) {}

  async board(pipelineId: number | null, filter: ClientBoardFilter): Promise<ClientBoard> {
    const pipelines = (await this.dataSource.query(
      'SELECT id, name FROM pipeline ORDER BY id',
    )) as ClientBoard['pipelines'];
    const chosen = pipelines.find((pipeline) => pipeline.id === pipelineId) ?? pipelines[0];
    if (!chosen) return { pipelines, pipelineId: 0, columns: [] };
    const map = await this.pipelines.load(this.dataSource.manager, chosen.id);
    const columns = await Promise.all(
      map.stages.map(async (stage) => {
        const [page, count] = await Promise.all([
          this.column(stage.id, filter, null),
          this.count(stage.id, filter),
        ]);
        return { stageId: stage.id, title: stage.name, kind: stage.kind, hint: stage.hint, count, ...page };
      }),
    );
    return { pipelines, pipelineId: chosen.id, columns };
  }

  /** One page of a stage's column, newest cards first, after `cursor`. */
  async column(stageId: number, filter: ClientBoardFilter, cursor: string | null): Promise<ClientColumnPage> {
    const { conditions, values } = this.where(stageId, filter);
    if (cursor !== null) {
      const match = CURSOR.exec(cursor);
      if (!match) throw new DomainError('client.board_bad_cursor', BAD_CLIENT_CURSOR);
      values.push(Number(match[1]));
      conditions.push(`c.id < $${values.length}`);
    }
    const rows = (await this.dataSource.query(
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
       LIMIT ${CLIENT_BOARD_PAGE_SIZE + 1}`,
      values,
    )) as ClientCard[];
    const more = rows.length > CLIENT_BOARD_PAGE_SIZE;
    const cards = rows.slice(0, CLIENT_BOARD_PAGE_SIZE);
    return { cards, next: more ? String(cards.at(-1)!.id) : null };
  }

  /** The record action that performs dropping client `clientId` (seen at `fromStageId`) on `toStageId`. */
  async planMove(
    clientId: number,
    fromStageId: number,
    toStageId: number,
    actor: { id: number },
  ): Promise<{ action: ClientBoardAction }> {
    const [client] = (await this.dataSource.query(
      `SELECT c.stage_id AS "stageId", c.resume_stage_id AS "resumeStageId", c.pipeline_id AS "pipelineId",
              c.department_id AS "departmentId", s.name AS "stageName"
       FROM client c JOIN stage s ON s.id = c.stage_id WHERE c.id = $1`,
      [clientId],
    )) as {
      stageId: number;
      resumeStageId: number | null;
      pipelineId: number;
      departmentId: number;
      stageName: string;
    }[];
    if (!client)
      throw new DomainError('client.not_found', 'Клиент не найден — обновите доску', { status: 404 });
    if (client.stageId !== fromStageId) {
      throw new DomainError(
        'client.board_stale',
        `Клиент уже на этапе «${client.stageName}»: его изменил другой пользователь. Обновите доску.`,
        { status: 409 },
      );
    }
    const map = await this.pipelines.load(this.dataSource.manager, client.pipelineId);
    const action = clientBoardAction(map, client, toStageId);
    await refuseOtherDepartment(this.dataSource.manager, actor, client.departmentId);
    return { action };
  }

  private async count(stageId: number, filter: ClientBoardFilter): Promise<number> {
    const { conditions, values } = this.where(stageId, filter);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM client c WHERE ${conditions.join(' AND ')} LIMIT ${LIST_COUNT_CAP + 1}) capped`,
      values,
    )) as { count: number }[];
    return row.count;
  }

  private where(stageId: number, filter: ClientBoardFilter): { conditions: string[]; values: unknown[] } {
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
}
