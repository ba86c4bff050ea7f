import { DomainError } from '../../common/domain-error.js';

/** docs/product.md §1.1: the lead statuses, in the order a lead goes through them. */
export const leadStatuses = ['draft', 'new', 'qualifying', 'processed'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/** «Префикс итоговой обработки». */
export const leadOutcomes = ['inactive', 'convert'] as const;
export type LeadOutcome = (typeof leadOutcomes)[number];

export const leadStatusLabels: Record<LeadStatus, string> = {
  draft: 'Формирование запроса',
  new: 'Новый',
  qualifying: 'Выяснение потребности',
  processed: 'Обработан',
};

export const leadOutcomeLabels: Record<LeadOutcome, string> = {
  inactive: 'Не активен',
  convert: 'Преобразовать в клиента',
};

/** The only moves a lead can make (docs/product.md §1.3); each is one service method. */
export const leadTransitions = {
  submit: { from: 'draft', to: 'new' },
  takeIntoWork: { from: 'new', to: 'qualifying' },
  finishProcessing: { from: 'qualifying', to: 'processed' },
} as const satisfies Record<string, { from: LeadStatus; to: LeadStatus }>;
export type LeadTransition = keyof typeof leadTransitions;

const transitionNames: Record<LeadTransition, string> = {
  submit: '«Отправить в работу»',
  takeIntoWork: '«Взять в работу»',
  finishProcessing: '«Завершить обработку»',
};

export class LeadTransitionError extends DomainError {
  constructor(message: string) {
    super('lead.transition_not_allowed', message, { status: 409 });
  }
}

/** Refuses a transition from any status but its own, saying what the lead's status is and what it needs. */
export function assertLeadTransition(transition: LeadTransition, current: LeadStatus): void {
  const { from } = leadTransitions[transition];
  if (current === from) return;
  throw new LeadTransitionError(
    `Действие ${transitionNames[transition]} недоступно: лид в статусе «${leadStatusLabels[current]}», ` +
      `а оно выполняется только из статуса «${leadStatusLabels[from]}».`,
  );
}

/**
 * The move a kanban drag from one status column to another stands for, or the Russian reason
 * there is none: statuses only go forward, one step at a time, each by its own action.
 */
export function boardTransition(from: LeadStatus, to: LeadStatus): LeadTransition {
  const found = (Object.keys(leadTransitions) as LeadTransition[]).find(
    (name) => leadTransitions[name].from === from && leadTransitions[name].to === to,
  );
  if (found) return found;
  if (from === 'processed') {
    throw new LeadTransitionError('Лид уже обработан: его статус больше не меняется.');
  }
  if (leadStatuses.indexOf(to) <= leadStatuses.indexOf(from)) {
    throw new LeadTransitionError(
      `Лид нельзя вернуть из статуса «${leadStatusLabels[from]}» в «${leadStatusLabels[to]}»: ` +
        'статус лида меняется только вперёд.',
    );
  }
  const next = (Object.keys(leadTransitions) as LeadTransition[]).find(
    (name) => leadTransitions[name].from === from,
  )!;
  throw new LeadTransitionError(
    `Лид нельзя перенести из «${leadStatusLabels[from]}» сразу в «${leadStatusLabels[to]}»: ` +
      `сначала ${transitionNames[next]}.`,
  );
}
