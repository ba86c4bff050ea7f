import type { SchemaObject } from '@nestjs/swagger';

import { HONEYPOT_FIELD, leadInputLimits } from './lead-input.js';

/**
 * The OpenAPI description of `POST /api/leads`. The body is checked by lead-input.ts, not by these
 * schemas; they document it for the websites that post to us.
 */
export const leadApiSchemas = {
  request: {
    type: 'object',
    properties: {
      name: {
        type: 'string',
        maxLength: leadInputLimits.name,
        description: 'Имя (обязательно для отправки)',
      },
      company: { type: 'string', maxLength: leadInputLimits.company, description: 'Компания' },
      phone: {
        type: 'string',
        maxLength: leadInputLimits.phone,
        description: 'Телефон в любом виде; по умолчанию российский номер. Сохраняется в E.164',
        example: '8 (495) 123-45-67',
      },
      email: {
        type: 'string',
        maxLength: leadInputLimits.email,
        description: 'Эл.почта',
        example: 'ivanov@example.ru',
      },
      objectTypeId: {
        type: 'integer',
        description: 'Тип объекта: id из справочника «Типы объектов» (обязательно для отправки)',
      },
      extra: { type: 'string', maxLength: leadInputLimits.extra, description: 'Дополнительные данные' },
      consent: {
        type: 'boolean',
        description: 'Согласие на обработку персональных данных (152-ФЗ); обязательно для отправки',
      },
      draft: { type: 'boolean', description: 'true — сохранить черновик, не отправляя', default: false },
      draftToken: {
        type: 'string',
        format: 'uuid',
        description: 'Ключ черновика из ответа на предыдущее сохранение',
      },
      [HONEYPOT_FIELD]: {
        type: 'string',
        description: 'Ловушка для роботов: должно быть пустым или отсутствовать',
      },
    },
    example: {
      name: 'Мария Петрова',
      company: 'ООО «Чистота»',
      phone: '+7 495 111-22-33',
      email: 'maria@example.ru',
      objectTypeId: 1,
      extra: 'Автомойка на 2 поста',
      consent: true,
    },
  } satisfies SchemaObject,
  accepted: {
    type: 'object',
    properties: {
      id: { type: 'integer', description: 'Номер лида' },
      status: { type: 'string', enum: ['draft', 'new'], description: 'draft — черновик, new — «Новый»' },
      draftToken: { type: 'string', format: 'uuid', description: 'Только для черновика' },
    },
    required: ['id', 'status'],
  } satisfies SchemaObject,
  error: {
    type: 'object',
    properties: {
      code: {
        type: 'string',
        description:
          'Постоянный код отказа `<модуль>.<что>` (например, `lead.input_invalid`, `lead.draft_taken`, ' +
          '`request.rate_limited`): по нему программа различает отказы; текст `message` может меняться',
      },
      message: { type: 'string', description: 'Что не так, по-русски' },
      fields: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Сообщение для каждого неверного поля',
      },
    },
    required: ['code', 'message'],
  } satisfies SchemaObject,
};
