import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';

import { UserModule } from '../user/user.module.js';
import { BackOfficeGuard } from './back-office.guard.js';
import { AuthService } from './auth.service.js';
import { SESSION_MIDDLEWARE, sessionMiddlewareProvider, type SessionMiddleware } from './session.provider.js';

@Module({
  imports: [UserModule],
  providers: [AuthService, sessionMiddlewareProvider, BackOfficeGuard],
  exports: [AuthService, SESSION_MIDDLEWARE, BackOfficeGuard],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(SESSION_MIDDLEWARE) private readonly sessionMiddleware: SessionMiddleware) {}

  onApplicationShutdown(): void {
    this.sessionMiddleware.close();
  }
}
