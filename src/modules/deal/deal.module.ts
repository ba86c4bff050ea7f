import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';

import { jsonRequestsOnly } from '../../common/json-only.js';
import { sameOriginOnly } from '../../common/same-origin.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { AuthModule } from '../auth/auth.module.js';
import { backOfficeRateLimits } from '../auth/request-rate.js';
import { SESSION_MIDDLEWARE, type SessionMiddleware } from '../auth/session.provider.js';
import { ClientModule } from '../client/client.module.js';
import { DealController } from './deal.controller.js';
import { DealService } from './deal.service.js';

@Module({
  imports: [ClientModule, AuthModule],
  controllers: [DealController],
  providers: [DealService],
  exports: [DealService],
})
export class DealModule implements NestModule {
  constructor(
    @Inject(SESSION_MIDDLEWARE) private readonly session: SessionMiddleware,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `/api/deals` reads the back-office session (BackOfficeGuard checks it), so it has the
   * back-office's defences: its request rates, changes only from this CRM's own pages or scripts
   * (CSRF), and only as JSON.
   */
  configure(consumer: MiddlewareConsumer): void {
    const { publicUrl, trustProxy } = this.config.http;
    consumer
      .apply(
        this.session.handler,
        ...backOfficeRateLimits(this.config),
        sameOriginOnly(publicUrl, trustProxy),
        jsonRequestsOnly,
      )
      .forRoutes(DealController);
  }
}
