import { describe, expect, it } from '@jest/globals';

import { PipelineMap, type PipelineItem, type PipelineStage } from '../pipeline/pipeline.service.js';
import type { StageKind } from '../pipeline/entities/stage.entity.js';
import {
  assertClientAction,
  assertStageTarget,
  chosenItem,
  clientActionsFrom,
  clientBoardAction,
  isAhead,
  type ClientAction,
} from './client-transitions.js';

const item = (id: number, position: number, kind: PipelineItem['kind'] = 'step'): PipelineItem => ({
  id,
  name: `Пункт ${id}`,
  kind,
  position,
});
const stage = (id: number, kind: StageKind, items: PipelineItem[] = []): PipelineStage => ({
  id,
  name: `Этап ${id}`,
  kind,
  hint: '',
  position: id,
  items,
});

/** The error `act` throws, if any. */
function refusal(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('client transitions', () => {
  it.each<[StageKind, ClientAction[]]>([
    ['open', ['changeStatus', 'setStage', 'deactivate']],
    ['won', ['setStage', 'deactivate', 'contractFollowUp']],
    ['lost', ['setStage', 'activate']],
  ])('offers on a %s stage exactly %j', (kind, actions) => {
    expect(clientActionsFrom(kind)).toEqual(actions);
  });

  it('refuses the status actions a stage kind does not offer, with a code and a Russian reason', () => {
    expect(refusal(() => assertClientAction('changeStatus', stage(9, 'lost')))).toMatchObject({
      code: 'client.stage_not_open',
      status: 409,
      message:
        'Статус меняется только на рабочих этапах; клиент на этапе «Этап 9». Сначала нажмите «Активировать».',
    });
    expect(refusal(() => assertClientAction('changeStatus', stage(8, 'won')))).toMatchObject({
      message: expect.stringContaining('Используйте «Установить этап вручную».'),
    });
    expect(refusal(() => assertClientAction('deactivate', stage(9, 'lost')))).toMatchObject({
      code: 'client.already_inactive',
    });
    expect(refusal(() => assertClientAction('activate', stage(1, 'open')))).toMatchObject({
      code: 'client.already_active',
    });
    expect(refusal(() => assertClientAction('contractFollowUp', stage(1, 'open')))).toMatchObject({
      code: 'client.contract_not_signed',
    });
    expect(refusal(() => assertClientAction('setStage', stage(9, 'lost')))).toBeUndefined();
  });

  it('offers the items ahead, and after a failed one every other item of the stage', () => {
    expect(isAhead(item(2, 2), item(1, 1))).toBe(true);
    expect(isAhead(item(1, 1), item(2, 2))).toBe(false);
    expect(isAhead(item(1, 1), item(2, 2, 'fails'))).toBe(true);
    expect(isAhead(item(2, 2, 'fails'), item(2, 2, 'fails'))).toBe(false);
    expect(isAhead(item(1, 1), undefined)).toBe(true);
  });

  it('takes «Этап пройден» only on a stage without a completing item, and refuses items behind', () => {
    const plain = stage(1, 'open', [item(1, 1), item(2, 2)]);
    const completed = stage(2, 'open', [item(3, 1), item(4, 2, 'completes')]);
    expect(chosenItem(plain, undefined, 'pass')).toBe('pass');
    expect(refusal(() => chosenItem(completed, undefined, 'pass'))).toMatchObject({
      code: 'client.stage_needs_item',
      fields: { itemId: 'Выберите пункт детализации' },
    });
    expect(refusal(() => chosenItem(plain, undefined, 4))).toMatchObject({
      code: 'client.item_not_in_stage',
    });
    expect(refusal(() => chosenItem(plain, item(2, 2), 1))).toMatchObject({ code: 'client.item_passed' });
    expect(chosenItem(plain, item(1, 1), 2)).toMatchObject({ id: 2 });
  });

  it('sets a stage by hand only to another working stage of the pipeline', () => {
    const from = stage(1, 'open');
    expect(assertStageTarget(from, stage(2, 'won'))).toMatchObject({ id: 2 });
    expect(refusal(() => assertStageTarget(from, undefined))).toMatchObject({ code: 'client.stage_unknown' });
    expect(refusal(() => assertStageTarget(from, stage(9, 'lost')))).toMatchObject({
      code: 'client.stage_lost_needs_deactivate',
      fields: { stageId: 'Выберите рабочий этап' },
    });
    expect(refusal(() => assertStageTarget(from, from))).toMatchObject({ code: 'client.stage_same' });
  });

  it('reads a board drop as the status action it stands for', () => {
    const map = new PipelineMap(1, [stage(1, 'open'), stage(2, 'open'), stage(3, 'won'), stage(4, 'lost')]);
    expect(clientBoardAction(map, { stageId: 1, resumeStageId: null }, 2)).toBe('setStage');
    expect(clientBoardAction(map, { stageId: 1, resumeStageId: null }, 4)).toBe('deactivate');
    expect(clientBoardAction(map, { stageId: 4, resumeStageId: 2 }, 2)).toBe('activate');
    expect(refusal(() => clientBoardAction(map, { stageId: 4, resumeStageId: 2 }, 1))).toMatchObject({
      code: 'client.board_inactive_returns',
      message: expect.stringContaining('(«Этап 2»)'),
    });
    expect(refusal(() => clientBoardAction(map, { stageId: 1, resumeStageId: null }, 99))).toMatchObject({
      code: 'client.board_stage_unknown',
    });
  });
});
