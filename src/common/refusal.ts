import type { Request, Response } from 'express';
import escapeHtml from 'escape-html';

/** Codes of the answers that are no business refusal, by HTTP status (see ErrorCode). */
export const statusCodes: Partial<Record<number, string>> = {
  400: 'request.invalid',
  401: 'auth.required',
  403: 'access.denied',
  404: 'request.not_found',
  405: 'request.method_not_allowed',
  413: 'request.too_large',
  415: 'request.unsupported_type',
  422: 'request.unprocessable',
  429: 'request.rate_limited',
};

/**
 * A refusal answered before the request's body is read (origin, size, type, login, rate): JSON
 * with a Russian message for API calls, a short Russian page for a browser's navigation. The
 * connection is closed after the answer, so an unread upload is never read.
 */
export function refuse(
  request: Request,
  response: Response,
  status: number,
  message: string,
  code = statusCodes[status] ?? 'request.refused',
): void {
  if (response.headersSent) return;
  response.set('Connection', 'close');
  if (wantsJson(request)) {
    response.status(status).json({ code, message });
    return;
  }
  response
    .status(status)
    .type('html')
    .send(
      `<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><title>Запрос отклонён</title></head>` +
        `<body><h1>Запрос отклонён</h1><p>${escapeHtml(message)}</p></body></html>\n`,
    );
}

/** API clients (the back-office's own front-end included) get JSON; a browser's page load gets HTML. */
export function wantsJson(request: Request): boolean {
  const url = request.originalUrl;
  return (
    url.startsWith('/api/') || url.startsWith('/admin/api/') || request.accepts(['json', 'html']) !== 'html'
  );
}
