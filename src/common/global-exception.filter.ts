import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { ForbiddenError, NotFoundError } from 'adminjs';
import escapeHtml from 'escape-html';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  markDatabaseUnavailable,
} from './database-unavailable.js';
import { DomainError } from './domain-error.js';
import { statusCodes } from './refusal.js';

const statusMessages: Partial<Record<number, string>> = {
  400: 'Неверный запрос',
  401: 'Требуется вход',
  403: 'Недостаточно прав',
  404: 'Не найдено',
  405: 'Метод не поддерживается',
  413: 'Слишком большой запрос',
  415: 'Неподдерживаемый формат данных',
  429: 'Слишком много запросов, попробуйте позже',
};

/**
 * The one place errors become HTTP answers: business refusals and HTTP errors keep their status
 * and a Russian message; a database that cannot be reached now is a 503 with `Retry-After` (the
 * request may be repeated); anything else is a 500 with the request id and no internals. Errors of
 * the back-office's Express router (AdminJS, its session store) come here too, through Nest's
 * Express error handler.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request & { id?: string }>();
    if (response.headersSent) return;

    if (exception instanceof DomainError) {
      response.status(exception.status).json({
        code: exception.code,
        message: exception.message,
        fields: exception.fields,
        details: exception.details,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const ownMessage =
        typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
      // Messages written for users here are Russian; framework messages (English) are replaced.
      const message =
        typeof ownMessage === 'string' && /[а-яё]/i.test(ownMessage)
          ? ownMessage
          : (statusMessages[status] ?? 'Запрос не выполнен');
      response.status(status).json({ code: statusCodes[status] ?? 'request.refused', message });
      return;
    }
    const clientStatus = clientErrorStatus(exception);
    if (clientStatus !== undefined) {
      // The request's own fault found before any handler: a body too large, not JSON, in an
      // unknown charset (body-parser's errors, made with http-errors and marked to be shown).
      response.status(clientStatus).json({
        code: statusCodes[clientStatus] ?? 'request.invalid',
        message: statusMessages[clientStatus] ?? 'Неверный запрос',
      });
      return;
    }
    if (exception instanceof NotFoundError || exception instanceof ForbiddenError) {
      // AdminJS's own refusals (a bulk action or record that is not there, an action not allowed).
      const notFound = exception instanceof NotFoundError;
      response
        .status(notFound ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN)
        .json(
          notFound
            ? { code: 'record.not_found', message: 'Запись не найдена: её нет или она удалена' }
            : { code: 'access.denied', message: 'Недостаточно прав' },
        );
      return;
    }
    const requestId = String(request.id ?? '');
    if (isDatabaseUnavailable(exception)) {
      // Expected while PostgreSQL restarts: one line per request, no stack.
      const { code, message } = exception as { code?: unknown; message?: unknown };
      this.logger.warn({ requestId, code, error: message }, 'База данных недоступна');
      sendDatabaseUnavailable(request, response, requestId);
      return;
    }
    if (isUnstorableText(exception)) {
      // A text PostgreSQL cannot hold that reached a query unchecked: the write was refused whole.
      response
        .status(HttpStatus.UNPROCESSABLE_ENTITY)
        .json({ code: 'text.unstorable', message: 'Текст содержит недопустимые символы' });
      return;
    }
    this.logger.error({ err: exception, requestId }, 'Необработанная ошибка');
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      code: 'server.error',
      message: 'Внутренняя ошибка сервера. Сообщите администратору код запроса.',
      requestId,
    });
  }
}

/** PostgreSQL's refusal of a NUL or of a character its encoding has not (22021, 22P05). */
function isUnstorableText(exception: unknown): boolean {
  const code = (exception as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return exception instanceof QueryFailedError && (code === '22021' || code === '22P05');
}

/** A browser navigating gets a page (that reloads itself when it was a GET); API clients get JSON. */
function sendDatabaseUnavailable(request: Request, response: Response, requestId: string): void {
  markDatabaseUnavailable(response);
  const isApi = request.originalUrl.startsWith('/api/') || request.originalUrl.startsWith('/admin/api/');
  if (isApi || request.accepts(['json', 'html']) !== 'html') {
    response.json({ code: 'database.unavailable', message: DATABASE_UNAVAILABLE_MESSAGE, requestId });
    return;
  }
  const reload =
    request.method === 'GET' ? `<meta http-equiv="refresh" content="${response.get('Retry-After')}">` : '';
  response.type('html').send(`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
${reload}
<title>Сервис временно недоступен</title>
</head>
<body>
<h1>Сервис временно недоступен</h1>
<p>${escapeHtml(DATABASE_UNAVAILABLE_MESSAGE)}</p>
<p>Код запроса: ${escapeHtml(requestId)}</p>
</body>
</html>
`);
}

/** The 4xx status of an error made to be shown to the client (http-errors' `expose`), if it is one. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { expose, status } = exception as { expose?: unknown; status?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
