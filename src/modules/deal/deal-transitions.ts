import { DomainError, type ErrorCode } from '../../common/domain-error.js';

/**
 * `draft`: being put together, lines can change; `signed`: agreed with the client — lines are
 * fixed and premises are occupied for the term; `closed`: the deal was carried out (its term
 * ended or the client left as agreed), nothing changes any more; `cancelled`: it will not happen —
 * the premises are free again.
 */
export const dealStatuses = ['draft', 'signed', 'closed', 'cancelled'] as const;
export type DealStatus = (typeof dealStatuses)[number];

export const dealStatusLabels: Record<DealStatus, string> = {
  draft: 'Черновик',
  signed: 'Подписана',
  closed: 'Завершена',
  cancelled: 'Отменена',
};

/**
 * What can be done to a deal in each status (docs/product.md §4); each action is one DealService method,
 * `/api/deals` lists them with the deal and the back-office shows only these buttons.
 */
export const dealActions = {
  editLines: { from: ['draft'] },
  sign: { from: ['draft'], to: 'signed' },
  close: { from: ['signed'], to: 'closed' },
  cancel: { from: ['draft', 'signed'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly DealStatus[]; to?: DealStatus }>;
export type DealAction = keyof typeof dealActions;

const refusals: Record<DealAction, { code: ErrorCode; message: string }> = {
  editLines: { code: 'deal.not_draft', message: 'Строки меняются только у черновика сделки' },
  sign: { code: 'deal.not_draft', message: 'Подписать можно только черновик сделки' },
  close: { code: 'deal.not_signed', message: 'Завершить можно только подписанную сделку' },
  cancel: { code: 'deal.not_cancellable', message: 'Отменить можно черновик или подписанную сделку' },
};

/** Whether `action` can be done to a deal in `status`. */
export function canDeal(action: DealAction, status: DealStatus): boolean {
  return (dealActions[action].from as readonly DealStatus[]).includes(status);
}

/** The actions a deal in `status` offers, in the table's order. */
export function dealActionsFrom(status: DealStatus): DealAction[] {
  return (Object.keys(dealActions) as DealAction[]).filter((action) => canDeal(action, status));
}

/** Refuses (409) an action the deal's status does not allow, with its Russian reason. */
export function assertDealAction(action: DealAction, status: DealStatus): void {
  if (canDeal(action, status)) return;
  const { code, message } = refusals[action];
  throw new DomainError(code, message, { status: 409 });
}
