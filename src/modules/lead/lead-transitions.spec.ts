import { describe, expect, it } from '@jest/globals';

import {
  assertLeadTransition,
  leadStatuses,
  leadTransitions,
  LeadTransitionError,
  type LeadTransition,
} from './lead-transitions.js';

describe('lead transitions', () => {
  const allowed: [LeadTransition, string][] = [
    ['submit', 'draft'],
    ['takeIntoWork', 'new'],
    ['finishProcessing', 'qualifying'],
  ];

  it.each(allowed)('allows %s from %s', (transition, status) => {
    expect(() => assertLeadTransition(transition, status as never)).not.toThrow();
  });

  it('refuses every other status for every transition, with a Russian message', () => {
    let refused = 0;
    for (const transition of Object.keys(leadTransitions) as LeadTransition[]) {
      for (const status of leadStatuses.filter(
        (candidate) => candidate !== leadTransitions[transition].from,
      )) {
        expect(() => assertLeadTransition(transition, status)).toThrow(LeadTransitionError);
        refused += 1;
      }
    }
    expect(refused).toBe(9);
  });

  it('names the current status and the one the action needs', () => {
    expect(() => assertLeadTransition('takeIntoWork', 'processed')).toThrow(
      'Действие «Взять в работу» недоступно: лид в статусе «Обработан», а оно выполняется только из статуса «Новый».',
    );
  });

  it('never goes back: processed → new is not a transition at all', () => {
    const targets = Object.values(leadTransitions).map(({ from, to }) => `${from}→${to}`);
    expect(targets).toEqual(['draft→new', 'new→qualifying', 'qualifying→processed']);
  });
});
