import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';

import { DomainError } from './domain-error.js';

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
 * and a Russian message; anything else is a 500 with the request id and no internals.
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
      response
        .status(exception.status)
        .json({ message: exception.message, fields: exception.fields, details: exception.details });
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
      response.status(status).json({ message });
      return;
    }
    const requestId = String(request.id ?? '');
    this.logger.error({ err: exception, requestId }, 'Unhandled error');
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ message: 'Внутренняя ошибка сервера. Сообщите администратору код запроса.', requestId });
  }
}
