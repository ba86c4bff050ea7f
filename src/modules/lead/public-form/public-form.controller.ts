import { Body, Controller, Get, Header, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { DomainError } from '../../../common/domain-error.js';
import { LeadService } from '../lead.service.js';
import { renderConsentPage, renderFormPage, renderSentPage } from './form-pages.js';

/**
 * The public feedback form (SPEC §1.2), no login: `GET /form` shows it, `POST /form` is its plain
 * submission (no JavaScript needed); with JavaScript the page posts to `POST /api/leads` instead.
 */
@ApiExcludeController()
@Controller('form')
export class PublicFormController {
  constructor(private readonly leads: LeadService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async show(): Promise<string> {
    return renderFormPage({ groups: await this.leads.objectTypeGroups() });
  }

  @Post()
  @HttpCode(303)
  async submit(@Body() body: unknown, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    // The plain form always submits: a `draft` field would come from a crafted request.
    const { draft: _draft, ...submission } = values;
    try {
      await this.leads.receive(submission, ip);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      response
        .status(error.status)
        .type('html')
        .send(
          renderFormPage({
            groups: await this.leads.objectTypeGroups(),
            values: submission,
            errors: error.fields,
            message: error.message,
          }),
        );
      return;
    }
    response.redirect(303, '/form/sent');
  }

  @Get('sent')
  sent(): string {
    return renderSentPage();
  }

  @Get('consent')
  consent(): string {
    return renderConsentPage();
  }
}
