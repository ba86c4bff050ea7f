import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';

import { LeadService } from './lead.service.js';

/**
 * `POST /api/leads`: what a website posts for a visitor's request. `draft: true` saves a partial
 * form («Формирование запроса»); otherwise the lead becomes «Новый» and its department is e-mailed.
 * Refusals: 422 with a Russian message per field; nothing is written. More than
 * LEAD_INTAKE_PER_MINUTE requests from one address: 429 with a Russian message (lead.module.ts).
 */
@Controller('api/leads')
export class LeadController {
  constructor(private readonly leads: LeadService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Ip() ip: string): Promise<{ id: number; status: string }> {
    const draft = typeof body === 'object' && body !== null && (body as { draft?: unknown }).draft === true;
    const lead = await this.leads.create(body, { source: 'form', draft, ip });
    return { id: lead.id, status: lead.status };
  }
}
