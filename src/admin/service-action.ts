import { BaseRecord, flat, type ActionContext, type ActionRequest, type ActionResponse } from 'adminjs';

import { DomainError } from '../common/domain-error.js';

export type ActionPayload = Record<string, unknown>;

/**
 * The record version a form says it saw: none when it sends none (no check); a number when it
 * sends one; NaN for anything unreadable, which the services refuse as a stale page.
 */
export function sentVersion(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

/** A text field of a posted form; anything else counts as absent. */
export const payloadText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * A record action whose form (a custom component) posts to it and whose work is one service
 * call. GET answers the record and what the form needs (`load`); POST calls `run`, then sends the
 * user to the record's page; a refusal comes back as a Russian notice with the field messages,
 * its code (DomainError.code) and any details the user needs to decide (e.g. possible duplicates).
 */
export function serviceRecordAction(options: {
  icon: string;
  component: string;
  isAccessible: (context: ActionContext) => boolean;
  isVisible?: (context: ActionContext) => boolean;
  successMessage: string;
  load?: (recordId: number, context: ActionContext) => Promise<Record<string, unknown>>;
  run: (recordId: number, payload: ActionPayload, actorId: number) => Promise<unknown>;
  /** Where to go after success; the record's page by default. */
  redirect?: (result: unknown, context: ActionContext) => string;
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
      if (!record) throw new DomainError('record.not_found', 'Запись не найдена', { status: 404 });
      const recordId = Number(record.id());
      if (request.method !== 'post') {
        return { record: record.toJSON(currentAdmin), ...(await options.load?.(recordId, context)) };
      }
      let result: unknown;
      try {
        result = await options.run(
          recordId,
          (request.payload ?? {}) as ActionPayload,
          Number(currentAdmin?.id),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return {
          record: record.toJSON(currentAdmin),
          notice: { message: error.message, type: 'error' },
          code: error.code,
          fieldErrors: error.fields ?? {},
          details: error.details,
        };
      }
      return {
        record: record.toJSON(currentAdmin),
        notice: { message: options.successMessage, type: 'success' },
        redirectUrl:
          options.redirect?.(result, context) ??
          h.recordActionUrl({ resourceId: resource.id(), recordId: record.id(), actionName: 'show' }),
      };
    },
  };
}

/**
 * «Создать» / «Изменить» of a resource whose records change only through a service: AdminJS's
 * generic form posts here, `save` gets the whole (unflattened) form. A refusal comes back as the
 * form again with a Russian message on each field (and the refusal's code); success goes to the saved record's page (or
 * `redirect`). `context.record` is the saved record for features' after-hooks (@adminjs/upload).
 */
export function serviceFormAction(options: {
  isAccessible: (context: ActionContext) => boolean;
  isVisible?: (context: ActionContext) => boolean;
  successMessage: string;
  save: (payload: ActionPayload, context: ActionContext) => Promise<{ id: number }>;
  redirect?: (saved: { id: number }, context: ActionContext) => string;
  /** Runs when the request is refused (e.g. to remove uploaded temporary files). */
  onRefusal?: (context: ActionContext) => Promise<void>;
}) {
  return {
    isAccessible: options.isAccessible,
    isVisible: options.isVisible ?? true,
    handler: async (
      request: ActionRequest,
      _response: unknown,
      context: ActionContext,
    ): Promise<ActionResponse> => {
      const { resource, h, currentAdmin, record } = context;
      if (request.method !== 'post') return record ? { record: record.toJSON(currentAdmin) } : {};
      const payload = flat.unflatten<ActionPayload, ActionPayload>(request.payload ?? {});
      try {
        const saved = await options.save(payload, context);
        const fresh = await resource.findOne(String(saved.id), context);
        context.record = fresh ?? undefined;
        return {
          record: fresh?.toJSON(currentAdmin),
          notice: { message: options.successMessage, type: 'success' },
          redirectUrl:
            options.redirect?.(saved, context) ??
            h.recordActionUrl({ resourceId: resource.id(), recordId: String(saved.id), actionName: 'show' }),
        };
      } catch (error) {
        await options.onRefusal?.(context);
        if (!(error instanceof DomainError)) throw error;
        const failed = new BaseRecord(request.payload ?? {}, resource);
        failed.errors = Object.fromEntries(
          Object.entries(error.fields ?? {}).map(([path, message]) => [path, { message, type: 'invalid' }]),
        );
        context.record = undefined;
        return {
          record: failed.toJSON(currentAdmin),
          notice: { message: error.message, type: 'error' },
          code: error.code,
        };
      }
    },
  };
}
