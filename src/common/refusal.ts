import type { Request, Response } from 'express';
import escapeHtml from 'escape-html';

/**
 * A refusal answered before the request's body is read (origin, size, type, login, rate): JSON
 * with a Russian message for API calls, a short Russian page for a browser's navigation. The
 * connection is closed after the answer, so an unread upload is never read.
 */
export function refuse(request: Request, response: Response, status: number, message: string): void {
  if (response.headersSent) return;
  response.set('Connection', 'close');
  if (wantsJson(request)) {
    response.status(status).json({ message });
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
