import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';

import { DomainError } from '../common/domain-error.js';
import { toId } from '../common/input-values.js';
import { refuse } from '../common/refusal.js';
import type { SessionUser } from '../modules/auth/auth.service.js';
import type { ImportKind } from '../modules/import/import-contract.js';
import { importLimits, megabytes } from '../modules/import/import-limits.js';
import {
  duplicatePolicies,
  type ImportActor,
  type ImportOperations,
  type ImportSettings,
} from '../modules/import/import-run-contract.js';

/** Where the «Импорт» page's API lives, under the back-office's root. */
export const IMPORT_API = '/api/import';

const importKinds = ['lead', 'company', 'contact', 'deal'] as const satisfies readonly ImportKind[];

/** What PATCH /:id may send (ImportSettings); the service checks the meaning (fields of the kind, options). */
const settingsSchema = z
  .object({
    kind: z.enum(importKinds),
    mapping: z.array(z.string().max(100).nullable()).max(importLimits.columns),
    values: z.record(
      z.string().max(100),
      z.record(z.string().max(importLimits.cellChars), z.string().max(200).nullable()),
    ),
    policy: z.enum(duplicatePolicies),
    departmentId: z.number().int().positive().max(2_147_483_647).nullable(),
  })
  .partial()
  .strict();

// The service says what a good name is (ImportService.saveMapping); here only its type and a bound.
const mappingNameSchema = z.object({ name: z.string().max(10_000) }).strict();

/** A multipart file as the back-office's body parser (formidable 1) leaves it. */
interface ParsedFile {
  path: string;
  name?: string | null;
  size: number;
}

type Handler = (request: Request, response: Response, actor: ImportActor) => Promise<void>;

/**
 * The «Импорт» page's HTTP API (/admin/api/import/…): each route reads its input, asks
 * ImportService (ImportOperations) and answers JSON. Bodies arrive parsed by backOfficeBodies
 * (same origin, size per role, multipart or JSON); a refusal is its status with `{ code, message }`
 * in Russian; anything the user sends — a broken body, a huge id, an unknown route — is a 4xx.
 */
export function importApi(operations: ImportOperations): Router {
  const router = express.Router();
  const route =
    (handle: Handler): RequestHandler =>
    (request, response, next) => {
      const user = request.session?.adminUser as SessionUser | undefined;
      if (!user) return refuse(request, response, 401, 'Требуется вход: войдите в CRM', 'auth.required');
      handle(request, response, { id: user.id }).catch((error: unknown) => {
        if (!sendJsonRefusal(response, error)) next(error);
      });
    };
  /** The job id of the address; a 404 for anything but one. */
  const jobId = (request: Request): number => {
    const id = toId((request.params as { id?: string }).id);
    if (id === undefined) throw new DomainError('import.not_found', 'Импорт не найден', { status: 404 });
    return id;
  };

  router.post(
    '/',
    route(async (request, response, actor) => {
      const file = singleFile(request);
      response.status(201).json({ job: await operations.upload(actor, file) });
    }),
  );
  router.get(
    '/',
    route(async (_request, response, actor) => {
      response.json({ jobs: await operations.list(actor) });
    }),
  );
  router.get(
    '/mappings',
    route(async (request, response, actor) => {
      const kind = z.enum(importKinds).safeParse(request.query.kind);
      if (!kind.success) throw invalid('Укажите, что импортируется: лиды, компании, контакты или сделки');
      response.json({ mappings: await operations.mappings(actor, kind.data) });
    }),
  );
  router.get(
    '/:id',
    route(async (request, response, actor) => {
      response.json({ job: await operations.view(actor, jobId(request)) });
    }),
  );
  router.patch(
    '/:id',
    route(async (request, response, actor) => {
      const id = jobId(request);
      const settings = parse(settingsSchema, fieldsOf(request), 'Настройки импорта не удалось прочитать');
      response.json({ job: await operations.configure(actor, id, settings as ImportSettings) });
    }),
  );
  for (const step of ['check', 'start', 'cancel', 'undo'] as const) {
    router.post(
      `/:id/${step}`,
      route(async (request, response, actor) => {
        response.json({ job: await operations[step](actor, jobId(request)) });
      }),
    );
  }
  router.post(
    '/:id/mappings',
    route(async (request, response, actor) => {
      const id = jobId(request);
      const { name } = parse(mappingNameSchema, fieldsOf(request), 'Назовите сопоставление');
      response.status(201).json({ mapping: await operations.saveMapping(actor, id, name) });
    }),
  );
  router.get(
    '/:id/errors.xlsx',
    route(async (request, response, actor) => {
      const file = await operations.errorsFile(actor, jobId(request));
      response.attachment(file.fileName);
      response.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store, no-transform',
      });
      await file.write(response);
      response.end();
    }),
  );
  // Any other address or method under the API: a Russian 404, not AdminJS's page.
  router.use((request, response) =>
    refuse(request, response, 404, 'Такого действия с импортом нет', 'request.not_found'),
  );
  return router;
}

/** A service's refusal as its status with `{ code, message, fields, details }`; false for anything else. */
export function sendJsonRefusal(response: Response, error: unknown): boolean {
  if (!(error instanceof DomainError) || response.headersSent) return false;
  const { code, message, fields, details } = error;
  response.status(error.status).json({ code, message, fields, details });
  return true;
}

function invalid(message: string): DomainError {
  return new DomainError('request.invalid', message, { status: 400 });
}

function parse<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(message);
  return parsed.data;
}

function fieldsOf(request: Request): unknown {
  return (request as { fields?: unknown }).fields ?? {};
}

/** The one file of an upload (field «file»); anything else is refused before the service is asked. */
function singleFile(request: Request): { path: string; name: string; size: number } {
  const files = Object.values((request as { files?: Record<string, unknown> }).files ?? {});
  if (files.length === 0) throw invalid('Выберите файл для импорта (CSV или Excel)');
  if (files.length > 1) throw invalid('Загрузите один файл за раз');
  const [file] = files as ParsedFile[];
  if (typeof file?.path !== 'string') throw invalid('Выберите файл для импорта (CSV или Excel)');
  if (file.size > importLimits.fileBytes) {
    throw new DomainError(
      'import.file_too_large',
      `Файл больше ${megabytes(importLimits.fileBytes)}: разделите его на части`,
      { status: 413 },
    );
  }
  return { path: file.path, name: String(file.name ?? '').trim() || 'файл', size: file.size };
}
