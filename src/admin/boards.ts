import type { AdminPage, PageContext } from 'adminjs';

import { DomainError } from '../common/domain-error.js';
import { toId } from '../common/input-values.js';
import type { SessionUser } from '../modules/auth/auth.service.js';
import type { ClientBoardService } from '../modules/client/client-board.service.js';
import type { LeadBoardService } from '../modules/lead/lead-board.service.js';
import { leadStatuses, type LeadStatus } from '../modules/lead/lead-transitions.js';
import { boardChoices } from '../modules/user/crm-staff.js';
import type { AdminDependencies } from './admin-dependencies.js';
import { Components } from './component-loader.js';

/**
 * The two kanban pages (AdminJS pages: GET/POST /admin/api/pages/<name>). GET reads the board or
 * one more page of a column; POST `move` asks the board service what a drop does — the record
 * action to open, or a Russian refusal. Only the CRM staff may use them; the moves themselves are
 * the records' own actions, with their forms and the services' checks.
 */
interface PageRequest {
  method?: string;
  query?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

const ALL = 'all';

function staffOnly(context: PageContext): SessionUser {
  const user = context.currentAdmin as SessionUser | undefined;
  if (user?.role !== 'admin' && user?.role !== 'manager')
    throw new DomainError('board.forbidden', 'Недостаточно прав', { status: 403 });
  return user;
}

/**
 * The filter from the query: `departmentId` (an id or `all`; a manager's own department when not
 * given) and `responsibleUserId` (an id or nothing).
 */
function filterOf(query: Record<string, unknown>, user: SessionUser) {
  const department = query.departmentId;
  const departmentId =
    department === undefined || department === ''
      ? user.departmentId
      : department === ALL
        ? null
        : toId(department);
  if (departmentId === undefined)
    throw new DomainError('board.department_invalid', 'Выберите отдел из списка', {
      fields: { departmentId: 'Выберите отдел из списка' },
    });
  const responsible = query.responsibleUserId;
  const responsibleUserId = responsible === undefined || responsible === '' ? null : toId(responsible);
  if (responsibleUserId === undefined)
    throw new DomainError('board.responsible_invalid', 'Выберите менеджера из списка', {
      fields: { responsibleUserId: 'Выберите менеджера из списка' },
    });
  return { departmentId, responsibleUserId };
}

const cursorOf = (query: Record<string, unknown>): string | null =>
  typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : null;

function statusOf(value: unknown): LeadStatus {
  if (leadStatuses.includes(value as LeadStatus)) return value as LeadStatus;
  throw new DomainError('board.status_unknown', 'Неизвестный статус лида — обновите доску');
}

function idOf(value: unknown, what: string): number {
  const id = toId(value);
  if (id === undefined) throw new DomainError('board.record_not_found', `${what} не найден — обновите доску`);
  return id;
}

export function leadBoardPage(
  { dataSource }: Pick<AdminDependencies, 'dataSource'>,
  boards: LeadBoardService,
): AdminPage {
  return {
    component: Components.LeadBoard,
    icon: 'Trello',
    handler: async (request: PageRequest, _response: unknown, context: PageContext) => {
      const user = staffOnly(context);
      if (request.method === 'post') {
        const payload = request.payload ?? {};
        return boards.planMove(idOf(payload.leadId, 'Лид'), statusOf(payload.from), statusOf(payload.to), {
          id: user.id,
        });
      }
      const query = request.query ?? {};
      const filter = filterOf(query, user);
      if (query.column !== undefined) {
        return { page: await boards.column(statusOf(query.column), filter, cursorOf(query)) };
      }
      const [columns, choices] = await Promise.all([boards.board(filter), boardChoices(dataSource.manager)]);
      return { filter, columns, ...choices };
    },
  };
}

export function clientBoardPage(
  { dataSource }: Pick<AdminDependencies, 'dataSource'>,
  boards: ClientBoardService,
): AdminPage {
  return {
    component: Components.ClientBoard,
    icon: 'Columns',
    handler: async (request: PageRequest, _response: unknown, context: PageContext) => {
      const user = staffOnly(context);
      if (request.method === 'post') {
        const payload = request.payload ?? {};
        return boards.planMove(
          idOf(payload.clientId, 'Клиент'),
          idOf(payload.fromStageId, 'Этап'),
          idOf(payload.toStageId, 'Этап'),
          { id: user.id },
        );
      }
      const query = request.query ?? {};
      const filter = filterOf(query, user);
      if (query.column !== undefined) {
        return { page: await boards.column(idOf(query.column, 'Этап'), filter, cursorOf(query)) };
      }
      const pipelineId = query.pipelineId === undefined ? null : (toId(query.pipelineId) ?? null);
      const [board, choices] = await Promise.all([
        boards.board(pipelineId, filter),
        boardChoices(dataSource.manager),
      ]);
      return { filter, ...board, ...choices };
    },
  };
}
