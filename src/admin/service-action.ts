import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';

import { DomainError } from '../common/domain-error.js';

export type ActionPayload = Record<string, unknown>;

/**
 * A record action whose form (a custom component) posts to it and whose work is one service
 * call. GET answers the record and what the form needs (`load`); POST calls `run`, then sends the
 * user to the record's page; a refusal comes back as a Russian notice with the field messages
 * and any details the user needs to decide (e.g. possible duplicates).
 */
export function serviceRecordAction(options: {
  icon: string;
  component: string;
  isAccessible: (context: ActionContext) => boolean;
  isVisible?: (context: ActionContext) => boolean;
  successMessage: string;
  load?: (recordId: number, context: ActionContext) => Promise<Record<string, unknown>>;
  run: (recordId: number, payload: ActionPayload, actorId: number) => Promise<unknown>;
}) {
  return {
    actionType: 'record' as const,
    icon: options.icon,
    component: options.component,
    isAccessible: options.isAccessible,
    isVisible: options.isVisible ?? true,
    handler: async (
      request: ActionRequest,
      _response: unknown,
      context: ActionContext,
    ): Promise<ActionResponse> => {
      const { record, currentAdmin, h, resource } = context;
      if (!record) throw new DomainError('Запись не найдена', 404);
      const recordId = Number(record.id());
      if (request.method !== 'post') {
        return { record: record.toJSON(currentAdmin), ...(await options.load?.(recordId, context)) };
      }
      try {
        await options.run(recordId, (request.payload ?? {}) as ActionPayload, Number(currentAdmin?.id));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return {
          record: record.toJSON(currentAdmin),
          notice: { message: error.message, type: 'error' },
          fieldErrors: error.fields ?? {},
          details: error.details,
        };
      }
      return {
        record: record.toJSON(currentAdmin),
        notice: { message: options.successMessage, type: 'success' },
        redirectUrl: h.recordActionUrl({
          resourceId: resource.id(),
          recordId: record.id(),
          actionName: 'show',
        }),
      };
    },
  };
}
