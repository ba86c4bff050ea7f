import { DomainError } from '../../common/domain-error.js';

/** SPEC §1.1: the lead statuses, in the order a lead goes through them. */
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

/** The only moves a lead can make (SPEC §1.3); each is one service method. */
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
    super(message, 409);
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
