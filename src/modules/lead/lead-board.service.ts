import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { LIST_COUNT_CAP } from '../../common/list-count.js';
import { refuseOtherDepartment } from '../user/department-access.js';
import { LeadBoardRepository, type LeadBoardFilter } from './lead-board.repository.js';
import {
  boardTransition,
  leadStatuses,
  leadStatusLabels,
  type LeadStatus,
  type LeadTransition,
} from './lead-transitions.js';

/** Cards a column shows at once; scrolling asks for the next ones. */
export const BOARD_PAGE_SIZE = 30;

export type { LeadBoardFilter };

export interface LeadCard {
  id: number;
  version: number;
  status: LeadStatus;
  company: string | null;
  name: string | null;
  objectType: string | null;
  department: string | null;
  departmentId: number | null;
  responsible: string | null;
  createdAt: string;
  /** When the lead must leave its status («Сроки обработки лидов»); null without a limit. */
  dueAt: string | null;
}

export interface LeadColumnPage {
  cards: LeadCard[];
  /** Where the next page starts; null at the column's end. */
  next: string | null;
}

export interface LeadColumn extends LeadColumnPage {
  status: LeadStatus;
  title: string;
  /** Leads in the column, counted up to LIST_COUNT_CAP + 1 (more means «более 10 000»). */
  count: number;
}

/** Work columns show who waits longest first; the others the latest first. */
const oldestFirst: ReadonlySet<LeadStatus> = new Set(['new', 'qualifying']);

const CURSOR = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?)\|(\d{1,10})$/;
export const BAD_CURSOR = 'Не удалось продолжить список — обновите доску';

/**
 * «Лиды — канбан»: a column per lead status, read a page at a time in an order an index serves
 * (lead (department_id, status, created_at) or (status, created_at)). Moves are not made here: a
 * drag is checked by `planMove` and then performed by the lead's own record action (LeadService).
 */
@Injectable()
export class LeadBoardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async board(filter: LeadBoardFilter): Promise<LeadColumn[]> {
    return Promise.all(
      leadStatuses.map(async (status) => {
        const [page, count] = await Promise.all([
          this.column(status, filter, null),
          this.count(status, filter),
        ]);
        return { status, title: leadStatusLabels[status], count, ...page };
      }),
    );
  }

  /** One page of a column, after `cursor` (the `next` of the page before). */
  async column(status: LeadStatus, filter: LeadBoardFilter, cursor: string | null): Promise<LeadColumnPage> {
    let after: { position: string; id: number } | null = null;
    if (cursor !== null) {
      const match = CURSOR.exec(cursor);
      if (!match) throw new DomainError('lead_board.cursor_invalid', BAD_CURSOR);
      after = { position: match[1], id: Number(match[2]) };
    }
    const rows = await this.repository().columnPage({
      status,
      filter,
      ascending: oldestFirst.has(status),
      after,
      limit: BOARD_PAGE_SIZE + 1,
    });
    const more = rows.length > BOARD_PAGE_SIZE;
    const cards = rows.slice(0, BOARD_PAGE_SIZE);
    const last = cards.at(-1);
    return {
      cards: cards.map(({ position: _position, createdAt, dueAt, ...card }) => ({
        ...card,
        createdAt: createdAt.toISOString(),
        dueAt: dueAt?.toISOString() ?? null,
      })),
      next: more && last ? `${last.position}|${last.id}` : null,
    };
  }

  /**
   * What dropping lead `leadId` on the column `to` does: the record action to open (its form
   * asks for what the move needs), or a Russian refusal (nothing changes) — the lead is not in
   * the column the board showed, the statuses do not allow it, or the user may not change it.
   */
  async planMove(
    leadId: number,
    from: LeadStatus,
    to: LeadStatus,
    actor: { id: number },
  ): Promise<{ action: LeadTransition }> {
    const lead = await this.repository().moveState(leadId);
    if (!lead) throw new DomainError('lead.not_found', 'Лид не найден — обновите доску', { status: 404 });
    if (lead.status !== from) {
      throw new DomainError(
        'lead.status_changed',
        `Лид уже в статусе «${leadStatusLabels[lead.status]}»: его изменил другой пользователь. Обновите доску.`,
        { status: 409 },
      );
    }
    const action = boardTransition(from, to);
    await refuseOtherDepartment(this.dataSource.manager, actor, lead.departmentId);
    return { action };
  }

  private async count(status: LeadStatus, filter: LeadBoardFilter): Promise<number> {
    return this.repository().columnCount(status, filter, LIST_COUNT_CAP + 1);
  }

  private repository(): LeadBoardRepository {
    return new LeadBoardRepository(this.dataSource.manager);
  }
}
