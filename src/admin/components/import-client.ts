import type {
  ImportJobView,
  ImportSettings,
  SavedMapping,
} from '../../modules/import/import-run-contract.js';

/** The «Импорт» page's API (src/admin/import-api.ts), as the page calls it. */
export const IMPORT_API_URL = '/admin/api/import';

export type { ImportJobView, ImportSettings, SavedMapping };

/** A refusal or a failure, with the Russian message to show. */
export class ImportCallError extends Error {}

const UNREACHABLE = 'Сервер не ответил — проверьте соединение и повторите.';

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${IMPORT_API_URL}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: { Accept: 'application/json', ...(init.headers ?? {}) },
    });
  } catch {
    throw new ImportCallError(UNREACHABLE);
  }
  const body = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!response.ok || !body) {
    throw new ImportCallError(body?.message ?? `Не удалось выполнить действие (ошибка ${response.status})`);
  }
  return body;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export const importClient = {
  upload: async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await call<{ job: ImportJobView }>('', { method: 'POST', body: form })).job;
  },
  list: async () => (await call<{ jobs: ImportJobView[] }>('')).jobs,
  view: async (id: number) => (await call<{ job: ImportJobView }>(`/${id}`)).job,
  configure: async (id: number, settings: ImportSettings) =>
    (await call<{ job: ImportJobView }>(`/${id}`, json('PATCH', settings))).job,
  step: async (id: number, step: 'check' | 'start' | 'cancel' | 'undo') =>
    (await call<{ job: ImportJobView }>(`/${id}/${step}`, { method: 'POST' })).job,
  mappings: async (kind: string) =>
    (await call<{ mappings: SavedMapping[] }>(`/mappings?${new URLSearchParams({ kind })}`)).mappings,
  saveMapping: async (id: number, name: string) =>
    (await call<{ mapping: SavedMapping }>(`/${id}/mappings`, json('POST', { name }))).mapping,
  errorsUrl: (id: number) => `${IMPORT_API_URL}/${id}/errors.xlsx`,
};

/** The statuses in which a worker is busy with the job: the page looks again until they end. */
export const isBusy = (job: ImportJobView) =>
  job.status === 'checking' || job.status === 'queued' || job.status === 'running';

/** A contact has no page of its own: its id is its client card's. */
const RESOURCES = { lead: 'Lead', client: 'Client', deal: 'Deal', contact: 'Client' } as const;

/** The back-office page of a record an import found or made. */
export const recordUrl = (entity: keyof typeof RESOURCES, id: number) =>
  `/admin/resources/${RESOURCES[entity]}/records/${id}/show`;
