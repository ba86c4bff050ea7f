import { describe, expect, it } from '@jest/globals';

import {
  assertLeadTransition,
  boardTransition,
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

  describe('a kanban drag between status columns', () => {
    it('stands for the one action between neighbouring statuses', () => {
      expect(boardTransition('draft', 'new')).toBe('submit');
      expect(boardTransition('new', 'qualifying')).toBe('takeIntoWork');
      expect(boardTransition('qualifying', 'processed')).toBe('finishProcessing');
    });

    it('refuses a step back, a skipped step and any move of a processed lead, naming the way', () => {
      expect(() => boardTransition('qualifying', 'new')).toThrow(
        'Лид нельзя вернуть из статуса «Выяснение потребности» в «Новый»: статус лида меняется только вперёд.',
      );
      expect(() => boardTransition('new', 'processed')).toThrow(
        'Лид нельзя перенести из «Новый» сразу в «Обработан»: сначала «Взять в работу».',
      );
      expect(() => boardTransition('processed', 'draft')).toThrow('Лид уже обработан');
      let refused = 0;
      for (const from of leadStatuses) {
        for (const to of leadStatuses) {
          const step = leadStatuses.indexOf(to) - leadStatuses.indexOf(from);
          if (step === 1) continue;
          expect(() => boardTransition(from, to)).toThrow(LeadTransitionError);
          refused += 1;
        }
      }
      expect(refused).toBe(13);
    });
  });
});
