import { ApiClient } from 'adminjs';

/** What a form learns from posting to its record action (src/admin/service-action.ts answers). */
export interface ActionOutcome {
  /** The action succeeded (and, unless asked to stay, the page is going to the record). */
  done: boolean;
  message: string | null;
  fieldErrors: Record<string, string>;
  details?: Record<string, unknown>;
}

/** A record action's form opened over a kanban board: it stays there and reports success. */
export interface BoardFormProps {
  onDone?: () => void;
  /** Choices the drop already made (e.g. the stage of the column). */
  initialValues?: Record<string, string>;
}

const api = new ApiClient();

/** GETs a record action: the record and what its form needs (e.g. the choices of a select). */
export async function loadRecordAction<T>(
  resourceId: string,
  recordId: string,
  actionName: string,
): Promise<T> {
  const response = await api.recordAction({ resourceId, recordId, actionName });
  return response.data as T;
}

/**
 * POSTs a form to its record action; on success goes to the page the action names — or, with
 * `stay` (a form opened over a board), stays and lets the caller update the page.
 */
export async function postRecordAction(
  resourceId: string,
  recordId: string,
  actionName: string,
  data: Record<string, string>,
  { stay = false }: { stay?: boolean } = {},
): Promise<ActionOutcome> {
  try {
    const response = await api.recordAction({ resourceId, recordId, actionName, data });
    const body = response.data as {
      notice?: { message: string; type: string };
      fieldErrors?: Record<string, string>;
      redirectUrl?: string;
      details?: Record<string, unknown>;
    };
    if (body.notice?.type === 'success' && body.redirectUrl) {
      if (!stay) window.location.assign(body.redirectUrl);
      return { done: true, message: null, fieldErrors: {} };
    }
    return {
      done: false,
      message: body.notice?.message ?? 'Не удалось выполнить действие',
      fieldErrors: body.fieldErrors ?? {},
      details: body.details,
    };
  } catch {
    return {
      done: false,
      message: 'Не удалось выполнить действие: сервер недоступен. Повторите попытку.',
      fieldErrors: {},
    };
  }
}
