import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { PipelineService, type PipelineStage } from '../pipeline/pipeline.service.js';
import { refuseOtherDepartment } from '../user/department-access.js';
import {
  ClientBoardRepository,
  type ClientBoardCard,
  type ClientBoardFilter,
} from './client-board.repository.js';
import { clientBoardAction, type ClientBoardAction } from './client-transitions.js';

export type { ClientBoardFilter };

/** Cards a column shows at once; scrolling asks for the next ones. */
export const CLIENT_BOARD_PAGE_SIZE = 30;

/** A card on the board (the repository's row). */
export type ClientCard = ClientBoardCard;

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
    const pipelines = await this.reads().pipelines();
    const chosen = pipelines.find((pipeline) => pipeline.id === pipelineId) ?? pipelines[0];
    if (!chosen) return { pipelines, pipelineId: 0, columns: [] };
    const map = await this.pipelines.load(this.dataSource.manager, chosen.id);
    const columns = await Promise.all(
      map.stages.map(async (stage) => {
        const [page, count] = await Promise.all([
          this.column(stage.id, filter, null),
          this.reads().count(stage.id, filter),
        ]);
        return { stageId: stage.id, title: stage.name, kind: stage.kind, hint: stage.hint, count, ...page };
      }),
    );
    return { pipelines, pipelineId: chosen.id, columns };
  }

  /** One page of a stage's column, newest cards first, after `cursor`. */
  async column(stageId: number, filter: ClientBoardFilter, cursor: string | null): Promise<ClientColumnPage> {
    let beforeId: number | null = null;
    if (cursor !== null) {
      const match = CURSOR.exec(cursor);
      if (!match) throw new DomainError('client.board_bad_cursor', BAD_CLIENT_CURSOR);
      beforeId = Number(match[1]);
    }
    // One more than a page: whether there is a next one.
    const rows = await this.reads().cards(stageId, filter, beforeId, CLIENT_BOARD_PAGE_SIZE + 1);
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
    const client = await this.reads().placement(clientId);
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

  private reads(): ClientBoardRepository {
    return new ClientBoardRepository(this.dataSource.manager);
  }
}
