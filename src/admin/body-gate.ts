import { promises as fs } from 'node:fs';
import path from 'node:path';

import type { Request, RequestHandler, Response } from 'express';
import formidableMiddleware from 'express-formidable';

import { refuse } from '../common/refusal.js';
import type { UserRole } from '../modules/user/entities/user.entity.js';

/** What each kind of sender may send the back-office in one request, in bytes. */
export interface BodyLimits {
  /** Administrators and managers: forms with files (history events' attachments). */
  staff: number;
  /** Committee members: forms without files (a report request). */
  committee: number;
  /** The login form, the only body taken before login. */
  login: number;
}

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded', 'application/json']);
const LOGIN_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

const megabytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024 / 1024))} МБ`;

/**
 * The back-office's one body parser, run after the session is known (AdminJS's own parser, which
 * would run before its login check, then finds the body parsed and passes). It decides before
 * reading a byte:
 * - without a session only the login form is read (small, no files); any other body is refused
 *   and never read — nothing reaches the disk before login;
 * - the content types are those the back-office's pages send (multipart, urlencoded, JSON);
 * - the size is limited per role (Content-Length at once, the bytes as they arrive otherwise);
 *   committee members send no files.
 * Files arrive in `incoming` (formidable); whatever the request leaves there (a refused or failed
 * action, an upload cut off) is deleted when its answer is sent.
 */
export function backOfficeBodies(incoming: string, limits: BodyLimits, loginPath = '/login'): RequestHandler {
  return (request, response, next) => {
    if (!hasBody(request)) return next();
    const type = (request.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const role = request.session?.adminUser?.role;
    const isLogin = request.path === loginPath && request.method === 'POST';
    if (!isLogin && !role) return refuseAnonymous(request, response, loginPath);
    if (!(isLogin ? LOGIN_TYPES : FORM_TYPES).has(type)) {
      return refuse(
        request,
        response,
        415,
        isLogin
          ? 'Вход принимает только форму входа'
          : 'Неподдерживаемый формат данных: страницы CRM отправляют формы или JSON',
      );
    }
    const limit = isLogin ? limits.login : limitOf(role!, limits);
    const tooLarge = `Слишком большой запрос: не больше ${megabytes(limit)}`;
    const declared = Number(request.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) return refuse(request, response, 413, tooLarge);
    // A body without Content-Length (chunked) is counted as it arrives.
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit && !response.headersSent) {
        refuse(request, response, 413, tooLarge);
        response.once('finish', () => request.destroy());
      }
    });
    response.once('close', () => void removeLeftovers(request, incoming));
    const parse = formidableMiddleware({
      uploadDir: incoming,
      keepExtensions: false,
      maxFileSize: limit,
      maxFieldsSize: limit,
    });
    parse(request, response, (error?: unknown) => {
      if (response.headersSent) return;
      if (error) {
        const message = String((error as Error)?.message ?? '');
        if (/exceeded/.test(message)) return refuse(request, response, 413, tooLarge);
        return refuse(request, response, 400, 'Неверный запрос: данные формы не удалось прочитать');
      }
      if (role === 'committee' && Object.keys(filesOf(request)).length > 0) {
        return refuse(request, response, 413, 'Файлы можно прикладывать только администраторам и менеджерам');
      }
      next();
    });
  };
}

function limitOf(role: UserRole, limits: BodyLimits): number {
  return role === 'admin' || role === 'manager' ? limits.staff : limits.committee;
}

function hasBody(request: Request): boolean {
  return request.get('transfer-encoding') !== undefined || Number(request.get('content-length') ?? 0) > 0;
}

/** A body sent without a session: the API says so, a page goes to the login form; the body is never read. */
function refuseAnonymous(request: Request, response: Response, loginPath: string): void {
  if (request.originalUrl.includes('/api/')) {
    return refuse(request, response, 401, 'Требуется вход: войдите в CRM');
  }
  response.set('Connection', 'close');
  response.redirect(`${request.baseUrl}${loginPath}`);
}

/** The files of this request still in the incoming folder (not taken by an action) are deleted. */
async function removeLeftovers(request: Request, incoming: string): Promise<void> {
  const files = Object.values(filesOf(request)).flat();
  for (const file of files) {
    const filePath = (file as { path?: unknown } | null)?.path;
    if (typeof filePath !== 'string' || path.dirname(path.resolve(filePath)) !== path.resolve(incoming))
      continue;
    await fs.rm(filePath, { force: true }).catch(() => undefined);
  }
}

function filesOf(request: Request): Record<string, unknown> {
  return (request as { files?: Record<string, unknown> }).files ?? {};
}
