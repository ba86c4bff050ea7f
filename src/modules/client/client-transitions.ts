import { DomainError, type ErrorCode } from '../../common/domain-error.js';
import type { PipelineItem, PipelineMap, PipelineStage } from '../pipeline/pipeline.service.js';
import type { StageKind } from '../pipeline/entities/stage.entity.js';

/**
 * The client's status actions (docs/product.md §3) and the kinds of stage each is done from: on a working
 * stage («open») the detail items go on; after «Договор подписан» («won») the deposit and the act
 * are recorded; «Не активен» («lost») only comes back by «Активировать». ClientStatusService
 * refuses by this table, the client card and the board offer by it.
 */
export const clientActions = {
  changeStatus: { from: ['open'] },
  setStage: { from: ['open', 'won', 'lost'] },
  deactivate: { from: ['open', 'won'] },
  activate: { from: ['lost'] },
  contractFollowUp: { from: ['won'] },
} as const satisfies Record<string, { from: readonly StageKind[] }>;
export type ClientAction = keyof typeof clientActions;

/** The stage a refusal names: its kind decides, its name is told to the user. */
type StageOfClient = Pick<PipelineStage, 'kind' | 'name'>;

const refusals: Record<ClientAction, (stage: StageOfClient) => { code: ErrorCode; message: string }> = {
  changeStatus: (stage) => ({
    code: 'client.stage_not_open',
    message:
      `Статус меняется только на рабочих этапах; клиент на этапе «${stage.name}». ` +
      (stage.kind === 'lost' ? 'Сначала нажмите «Активировать».' : 'Используйте «Установить этап вручную».'),
  }),
  // Every stage kind allows it: a refusal is never needed.
  setStage: () => ({ code: 'client.stage_not_settable', message: 'Этап клиента сейчас не меняется' }),
  deactivate: () => ({ code: 'client.already_inactive', message: 'Клиент уже неактивен' }),
  activate: () => ({ code: 'client.already_active', message: 'Клиент активен: активировать нечего' }),
  contractFollowUp: (stage) => ({
    code: 'client.contract_not_signed',
    message: `Платёж и акт отмечаются после подписания договора; клиент на этапе «${stage.name}»`,
  }),
};

/** Whether a client on a stage of `kind` can take `action`. */
export function canClient(action: ClientAction, kind: StageKind): boolean {
  return (clientActions[action].from as readonly StageKind[]).includes(kind);
}

/** The status actions a client on a stage of `kind` offers, in the table's order. */
export function clientActionsFrom(kind: StageKind): ClientAction[] {
  return (Object.keys(clientActions) as ClientAction[]).filter((action) => canClient(action, kind));
}

/** Refuses (409) an action the client's current stage does not allow, saying why. */
export function assertClientAction(action: ClientAction, stage: StageOfClient): void {
  if (canClient(action, stage.kind)) return;
  const { code, message } = refusals[action](stage);
  throw new DomainError(code, message, { status: 409 });
}

/**
 * What «Сменить статус» may pick: the items after the current one; after a negative outcome
 * («Не согласовано», «Не подписано») the talks go on, so every other item of the stage.
 */
export function isAhead(item: PipelineItem, current: PipelineItem | undefined): boolean {
  if (!current) return true;
  if (current.kind === 'fails') return item.id !== current.id;
  return item.position > current.position;
}

/** A stage without a completing item is passed by «Этап пройден»; one with it, by that item. */
export function canPassStage(stage: PipelineStage): boolean {
  return !stage.items.some((item) => item.kind === 'completes');
}

/**
 * The detail item «Сменить статус» moves to, or `'pass'`: refused when the stage is completed by
 * its own item, when the item is of another stage, or when it is not ahead of the current one.
 */
export function chosenItem(
  stage: PipelineStage,
  current: PipelineItem | undefined,
  itemId: number | 'pass',
): PipelineItem | 'pass' {
  if (itemId === 'pass') {
    if (canPassStage(stage)) return 'pass';
    throw new DomainError(
      'client.stage_needs_item',
      `Этап «${stage.name}» завершается своей детализацией: выберите её пункт, а не «Этап пройден».`,
      { fields: { itemId: 'Выберите пункт детализации' } },
    );
  }
  const item = stage.items.find((candidate) => candidate.id === itemId);
  if (!item) {
    throw new DomainError('client.item_not_in_stage', `Этот пункт не относится к этапу «${stage.name}»`, {
      fields: { itemId: 'Выберите пункт детализации текущего этапа' },
    });
  }
  if (current && !isAhead(item, current)) {
    throw new DomainError(
      'client.item_passed',
      `Пункт «${item.name}» уже пройден: клиент на пункте «${current.name}». Выберите следующий пункт.`,
      { fields: { itemId: 'Выберите следующий пункт детализации' } },
    );
  }
  return item;
}

/**
 * The stage «Установить этап вручную» may move to: one of the client's pipeline, another than
 * the current one, and not «Не активен» (that is «Деактивировать», with its reason).
 */
export function assertStageTarget(from: PipelineStage, to: PipelineStage | undefined): PipelineStage {
  if (!to) {
    throw new DomainError('client.stage_unknown', 'Выберите этап воронки клиента', {
      fields: { stageId: 'Выберите этап из списка' },
    });
  }
  if (to.kind === 'lost') {
    throw new DomainError(
      'client.stage_lost_needs_deactivate',
      'Чтобы сделать клиента неактивным, используйте «Деактивировать» и укажите причину',
      { fields: { stageId: 'Выберите рабочий этап' } },
    );
  }
  if (to.id === from.id) {
    throw new DomainError('client.stage_same', `Клиент уже на этапе «${to.name}»`, {
      fields: { stageId: 'Выберите другой этап' },
    });
  }
  return to;
}

/** The client's status action a drop on the board stands for. */
export type ClientBoardAction = 'setStage' | 'deactivate' | 'activate';

/**
 * What dropping a client at stage `fromId` on the column of stage `toId` does (ClientStatusService
 * performs it, after its form): «Не активен» is «Деактивировать» (with the reason); leaving «Не
 * активен» is «Активировать», which returns to the stage the client left — so only that column
 * takes it; any other column is «Установить этап вручную».
 */
export function clientBoardAction(
  map: PipelineMap,
  from: { stageId: number; resumeStageId: number | null },
  toId: number,
): ClientBoardAction {
  const stage = map.stage(from.stageId)!;
  const to = map.stage(toId);
  if (!to) {
    throw new DomainError('client.board_stage_unknown', 'Этого этапа нет в воронке клиента — обновите доску');
  }
  if (to.id === stage.id) throw new DomainError('client.stage_same', `Клиент уже на этапе «${to.name}»`);
  if (to.kind === 'lost') return 'deactivate';
  if (stage.kind !== 'lost') return 'setStage';
  const back = (from.resumeStageId !== null && map.stage(from.resumeStageId)) || map.first;
  if (back && back.id === to.id) return 'activate';
  throw new DomainError(
    'client.board_inactive_returns',
    `Неактивный клиент возвращается на этап, с которого ушёл${back ? ` («${back.name}»)` : ''}: ` +
      'перенесите карточку в этот столбец или нажмите «Активировать» в карточке клиента.',
  );
}
