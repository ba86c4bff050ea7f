import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module.js';
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
  constructor(@Inject(SESSION_MIDDLEWARE) private readonly session: SessionMiddleware) {}

  /** `/api/deals` reads the back-office session (BackOfficeGuard checks it). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.session.handler).forRoutes(DealController);
  }
}
