import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  type PipeTransform,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { DomainError } from '../../common/domain-error.js';
import { toId } from '../../common/input-values.js';
import { UserContextInterceptor } from '../../common/request-context.js';
import { BackOfficeGuard } from '../auth/back-office.guard.js';
import type { SessionUser } from '../auth/auth.service.js';
import { DealService } from './deal.service.js';
import { dealActionsFrom } from './deal-transitions.js';

type AuthedRequest = Request & { user: SessionUser };

const version = (body: unknown): number | undefined => {
  const value =
    typeof body === 'object' && body !== null
      ? (body as { expectedVersion?: unknown }).expectedVersion
      : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
};

/** A deal's number from the path: digits only (400); beyond any stored id, no such deal (404). */
const idPipe: PipeTransform<string, number> = {
  transform: (value) => {
    if (!/^\d{1,15}$/.test(value))
      throw new DomainError('deal.bad_id', 'Номер сделки — целое число', { status: 400 });
    const id = toId(value.replace(/^0+(?=\d)/, ''));
    if (id === undefined) throw new DomainError('deal.not_found', 'Сделка не найдена', { status: 404 });
    return id;
  },
};

const errorSchema = {
  type: 'object',
  properties: {
    code: { type: 'string', example: 'deal.not_draft', description: 'Стабильный код отказа' },
    message: { type: 'string' },
    fields: { type: 'object', additionalProperties: { type: 'string' } },
    details: { type: 'object' },
  },
};

/**
 * `/api/deals`: the same deal rules as the back-office (DealService), for scripts and
 * integrations of the park. Uses the back-office session (cookie `kosino.sid`): administrators
 * and managers only.
 */
@ApiTags('Сделки')
@ApiCookieAuth('kosino.sid')
@ApiResponse({ status: 401, description: 'Нет сессии CRM', schema: errorSchema })
@ApiResponse({ status: 403, description: 'Роль без доступа к сделкам', schema: errorSchema })
// Its handlers run on behalf of the session's user (the audit log's «who»).
@UseGuards(BackOfficeGuard)
@UseInterceptors(UserContextInterceptor)
@Controller('api/deals')
export class DealController {
  constructor(private readonly deals: DealService) {}

  @Get()
  @ApiOperation({ summary: 'Сделки клиента с итогами «услуга/площадь, сумма, срок»' })
  async list(@Query('clientId') clientId: string) {
    const id = toId(clientId);
    if (id === undefined)
      throw new DomainError('deal.client_id_required', 'Укажите clientId — номер клиента', { status: 400 });
    return this.deals.ofClient(id);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Сделка, её строки и итог',
    description: '`actions` — действия, доступные в текущем статусе (editLines, sign, close, cancel).',
  })
  async show(@Param('id', idPipe) id: number) {
    const deal = await this.deals.find(id);
    const { lines, total } = await this.deals.summary(id);
    return { ...deal, summary: { lines, total }, actions: dealActionsFrom(deal.status) };
  }

  @Post()
  @ApiOperation({ summary: 'Создать черновик сделки' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['clientId', 'kind'],
      properties: {
        clientId: { type: 'integer' },
        kind: { type: 'string', enum: ['loi', 'contract'], description: 'Вид продажи' },
        dealDate: { type: 'string', format: 'date', description: 'Дата сделки; сегодня по умолчанию' },
        startsOn: { type: 'string', format: 'date', description: 'Начало срока; дата сделки по умолчанию' },
      },
    },
  })
  @ApiResponse({ status: 422, description: 'Поля заполнены неверно', schema: errorSchema })
  async create(@Body() body: Record<string, unknown>, @Req() request: AuthedRequest) {
    const clientId = typeof body?.clientId === 'number' ? toId(body.clientId) : undefined;
    if (clientId === undefined) {
      throw new DomainError('deal.invalid_fields', 'Проверьте заполнение полей', {
        fields: { clientId: 'Укажите номер клиента' },
      });
    }
    return this.deals.create(
      clientId,
      { kind: body.kind, dealDate: body.dealDate, startsOn: body.startsOn },
      { id: request.user.id },
    );
  }

  @Put(':id/lines')
  @ApiOperation({
    summary: 'Заменить строки черновика',
    description: '«Стоимость услуги» (costPerYear) — за год; сумма строки = стоимость × срок в годах.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['lines'],
      properties: {
        expectedVersion: { type: 'integer' },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kind', 'termYears', 'costPerYear'],
            properties: {
              kind: { type: 'string', enum: ['premises', 'ved', '3pl'] },
              premisesId: { type: 'integer', description: 'Только для premises' },
              serviceTypeId: { type: 'integer', description: 'Только для ved и 3pl' },
              volume: { type: 'string', description: 'Объём услуги (ved, 3pl)' },
              termYears: { type: 'integer', minimum: 1, maximum: 50 },
              costPerYear: { type: 'string', example: '1200000.00' },
            },
          },
        },
      },
    },
  })
  @ApiResponse({
    status: 422,
    description: 'Строки заполнены неверно; ничего не сохранено',
    schema: errorSchema,
  })
  async saveLines(
    @Param('id', idPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Req() request: AuthedRequest,
  ) {
    return this.deals.saveLines(id, body?.lines, { id: request.user.id }, version(body));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Подписать: помещения занимаются на срок строк' })
  @ApiResponse({
    status: 409,
    description: 'Помещение занято другой подписанной сделкой',
    schema: errorSchema,
  })
  async sign(@Param('id', idPipe) id: number, @Body() body: unknown, @Req() request: AuthedRequest) {
    return this.deals.sign(id, { id: request.user.id }, version(body));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Завершить подписанную сделку' })
  async close(@Param('id', idPipe) id: number, @Body() body: unknown, @Req() request: AuthedRequest) {
    return this.deals.close(id, { id: request.user.id }, version(body));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Отменить: помещения освобождаются' })
  async cancel(@Param('id', idPipe) id: number, @Body() body: unknown, @Req() request: AuthedRequest) {
    return this.deals.cancel(id, { id: request.user.id }, version(body));
  }
}
