import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { rateLimit } from 'express-rate-limit';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { NotificationModule } from '../notification/notification.module.js';
import { LeadController } from './lead.controller.js';
import { LeadService } from './lead.service.js';

@Module({
  imports: [NotificationModule],
  controllers: [LeadController],
  providers: [LeadService],
  exports: [LeadService],
})
export class LeadModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Per-IP limit of the public intake (express-rate-limit, in memory per instance). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(
        rateLimit({
          windowMs: 60_000,
          limit: this.config.intake.perMinute,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          message: { message: 'Слишком много заявок с вашего адреса — повторите через минуту' },
        }),
      )
      .forRoutes({ path: 'api/leads', method: RequestMethod.POST });
  }
}
