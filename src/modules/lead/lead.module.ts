import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { DataSource } from 'typeorm';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { ClientModule } from '../client/client.module.js';
import { NotificationModule } from '../notification/notification.module.js';
import { sharedRateLimit } from '../rate-limit/shared-rate-limit.js';
import { isDraftRequest } from './lead-input.js';
import { LeadController } from './lead.controller.js';
import { LeadService } from './lead.service.js';
import { LeadIntakeService } from './lead-intake.service.js';
import { LeadBoardService } from './lead-board.service.js';
import { LeadMailAddressing } from './lead-mail-addressing.js';
import { LeadWriter } from './lead-writer.js';
import { DraftRetentionService } from './draft-retention.service.js';
import { renderFormPage } from './public-form/form-pages.js';
import { PublicFormController } from './public-form/public-form.controller.js';

/** Autosave sends a draft every few seconds while a visitor types: drafts get a larger allowance. */
const DRAFTS_PER_SUBMISSION = 10;
const TOO_MANY = 'Слишком много заявок с вашего адреса — повторите через минуту';

const isPlainForm = (request: Request): boolean => request.originalUrl.split('?')[0] === '/form';

/** Only the API saves drafts (the plain form always submits). */
const isDraft = (request: Request): boolean => !isPlainForm(request) && isDraftRequest(request.body);

@Module({
  imports: [NotificationModule, ClientModule],
  controllers: [LeadController, PublicFormController],
  // SchedulerRegistry comes from ScheduleModule.forRoot() in ReportModule (a global module).
  providers: [
    LeadService,
    LeadIntakeService,
    LeadWriter,
    LeadBoardService,
    DraftRetentionService,
    LeadMailAddressing,
  ],
  exports: [LeadService, LeadBoardService],
})
export class LeadModule implements NestModule {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: LeadIntakeService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Per-IP limits of the public intake (express-rate-limit, counted in PostgreSQL so that they hold
   * across all instances): submissions (the API and the plain form share one count) and, counted
   * apart with a larger allowance, autosaved drafts — one middleware keeping two counts per address.
   */
  configure(consumer: MiddlewareConsumer): void {
    const perMinute = this.config.intake.perMinute;
    consumer
      .apply(
        sharedRateLimit(this.dataSource, 'intake', {
          windowMs: 60_000,
          limit: (request) => (isDraft(request) ? perMinute * DRAFTS_PER_SUBMISSION : perMinute),
          keyGenerator: (request) =>
            `${isDraft(request) ? 'draft' : 'submit'} ${ipKeyGenerator(request.ip ?? '')}`,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          handler: (request, response) => {
            if (isPlainForm(request)) {
              // The plain form gets its page back with the message, not JSON.
              void this.intake.objectTypeGroups().then(
                (groups) =>
                  response
                    .status(429)
                    .type('html')
                    .send(
                      renderFormPage({
                        groups,
                        values: request.body as Record<string, unknown>,
                        message: TOO_MANY,
                        draftRetentionDays: this.config.drafts.retentionDays,
                      }),
                    ),
                () => response.status(429).type('text').send(TOO_MANY),
              );
              return;
            }
            response.status(429).json({ code: 'request.rate_limited', message: TOO_MANY });
          },
        }),
      )
      .forRoutes(
        { path: 'api/leads', method: RequestMethod.POST },
        { path: 'form', method: RequestMethod.POST },
      );
  }
}
