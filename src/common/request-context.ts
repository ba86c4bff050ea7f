import { AsyncLocalStorage } from 'node:async_hooks';

import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';

/**
 * Who the work being done is for, for code far from the request (the audit log's «who»). Set
 * where a user's action starts — an AdminJS action (src/admin/access.ts), a REST handler (the
 * interceptor below) — or where the public form changes a visitor's existing draft
 * (LeadService.receive), and carried through its promises.
 */
const storage = new AsyncLocalStorage<{ userId?: number; visitorIp?: string }>();

/** Runs `work` on behalf of the user (undefined: nobody logged in). */
export function runAs<T>(userId: number | undefined, work: () => T): T {
  return storage.run({ userId: Number.isInteger(userId) ? userId : undefined }, work);
}

/** Runs `work` on behalf of an anonymous visitor of the public form, known by their address. */
export function runAsVisitor<T>(ip: string, work: () => T): T {
  return storage.run({ visitorIp: ip }, work);
}

/** The user the current work is for, if any. */
export function currentUserId(): number | undefined {
  return storage.getStore()?.userId;
}

/** The address of the public form's visitor the current work is for, if it is theirs. */
export function currentVisitorIp(): string | undefined {
  return storage.getStore()?.visitorIp;
}

/** REST handlers behind the back-office session run on behalf of its user (used by `/api/deals`). */
@Injectable()
export class UserContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const userId = request.session?.adminUser?.id;
    return new Observable((subscriber) =>
      runAs(typeof userId === 'number' ? userId : undefined, () => next.handle().subscribe(subscriber)),
    );
  }
}
