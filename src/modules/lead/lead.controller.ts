import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import { leadApiSchemas } from './lead-api.schema.js';
import { LeadIntakeService, type ReceivedLead } from './lead-intake.service.js';

/**
 * `POST /api/leads`: what a website posts for a visitor's request (documented at /api/docs).
 * `draft: true` saves a partial form («Формирование запроса»); otherwise the lead becomes «Новый»
 * and its department is e-mailed. Refusals: 422 with a Russian message per field; nothing is
 * written. Too many requests from one address: 429 with a Russian message (lead.module.ts).
 */
@ApiTags('Заявки')
@Controller('api/leads')
export class LeadController {
  constructor(private readonly intake: LeadIntakeService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Принять заявку с формы обратной связи',
    description:
      'Без `draft` заявка отправляется: создаётся лид «Новый», и отделу, которому принадлежит тип объекта, ' +
      'уходит письмо «Сформирован новый «лид»». С `draft: true` сохраняется черновик («Формирование запроса»): ' +
      'поля могут быть неполными, письмо не отправляется, в ответе есть `draftToken`. Передайте `draftToken` ' +
      'в следующих запросах, чтобы обновлять тот же черновик, а затем отправить его. Храните ключ только ' +
      'у посетителя: CRM хранит лишь его хеш и не показывает ключ никому, в том числе сотрудникам. Если ' +
      'черновик отправил в работу сотрудник, ключ больше не действует (409). Неотправленный черновик, ' +
      'который долго не меняли (по умолчанию 30 дней), удаляется; ключ удалённого черновика начинает новый.',
  })
  @ApiBody({ schema: leadApiSchemas.request })
  @ApiResponse({ status: 201, description: 'Заявка принята', schema: leadApiSchemas.accepted })
  @ApiResponse({ status: 400, description: 'Тело запроса не является JSON', schema: leadApiSchemas.error })
  @ApiResponse({
    status: 409,
    description: 'Черновик с этим `draftToken` уже отправлен или его обработал сотрудник',
    schema: leadApiSchemas.error,
  })
  @ApiResponse({
    status: 422,
    description: 'Поля заполнены неверно; ничего не сохранено',
    schema: leadApiSchemas.error,
  })
  @ApiResponse({
    status: 429,
    description: 'Слишком много заявок с одного адреса',
    schema: leadApiSchemas.error,
  })
  async create(@Body() body: unknown, @Ip() ip: string): Promise<ReceivedLead> {
    return this.intake.receive(body, ip);
  }
}
