import { describe, expect, it } from '@jest/globals';

import { DomainError } from '../../common/domain-error.js';
import {
  assertDealAction,
  canDeal,
  dealActions,
  dealActionsFrom,
  dealStatuses,
  type DealAction,
  type DealStatus,
} from './deal-transitions.js';

describe('deal transitions', () => {
  it.each<[DealStatus, DealAction[]]>([
    ['draft', ['editLines', 'sign', 'cancel']],
    ['signed', ['close', 'cancel']],
    ['closed', []],
    ['cancelled', []],
  ])('offers from %s exactly %j', (status, actions) => {
    expect(dealActionsFrom(status)).toEqual(actions);
  });

  it('allows every action from its own statuses', () => {
    for (const action of Object.keys(dealActions) as DealAction[]) {
      for (const status of dealActions[action].from) expect(canDeal(action, status)).toBe(true);
    }
  });

  it('refuses every other status for every action with a coded 409 and a Russian message', () => {
    let refused = 0;
    for (const action of Object.keys(dealActions) as DealAction[]) {
      for (const status of dealStatuses.filter((candidate) => !canDeal(action, candidate))) {
        const error = refusal(() => assertDealAction(action, status));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ status: 409, code: expect.stringMatching(/^deal\./) });
        expect(error?.message).toMatch(/[а-я]/);
        refused += 1;
      }
    }
    expect(refused).toBe(11);
  });

  it('names the refusal by what the deal lacks', () => {
    expect(refusal(() => assertDealAction('sign', 'signed'))).toMatchObject({
      code: 'deal.not_draft',
      message: 'Подписать можно только черновик сделки',
    });
    expect(refusal(() => assertDealAction('editLines', 'closed'))).toMatchObject({ code: 'deal.not_draft' });
    expect(refusal(() => assertDealAction('close', 'draft'))).toMatchObject({ code: 'deal.not_signed' });
    expect(refusal(() => assertDealAction('cancel', 'closed'))).toMatchObject({
      code: 'deal.not_cancellable',
    });
  });
});

/** The error `act` throws, if any. */
function refusal(act: () => void): DomainError | undefined {
  try {
    act();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
}
