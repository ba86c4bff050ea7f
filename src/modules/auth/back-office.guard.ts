import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { DomainError } from '../../common/domain-error.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { CRM_STAFF_ROLES } from '../user/crm-staff.js';
import { AuthService, type SessionUser } from './auth.service.js';

/**
 * The back-office's REST endpoints (e.g. `/api/deals`) take the same session as the pages: a
 * logged-in, still active administrator or manager (re-read on every request, absolute timeout
 * as in the back-office). No session: 401; another role: 403 — in Russian.
 */
@Injectable()
export class BackOfficeGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    const current = request.session?.adminUser;
    const fresh =
      current && !this.expired(request.session.loginAt) ? await this.auth.refresh(current.id) : undefined;
    if (!fresh) throw new DomainError('auth.required', 'Требуется вход: войдите в CRM', { status: 401 });
    if (!CRM_STAFF_ROLES.includes(fresh.role))
      throw new DomainError('access.denied', 'Недостаточно прав', { status: 403 });
    request.user = fresh;
    return true;
  }

  private expired(loginAt: number | undefined): boolean {
    return !loginAt || Date.now() - loginAt > this.config.session.absoluteHours * 3_600_000;
  }
}
