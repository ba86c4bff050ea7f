import { Inject, Injectable } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { AbstractLoader, type AdminModuleOptions } from '@adminjs/nestjs';
import type AdminJS from 'adminjs';
import compression from 'compression';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { pinoHttp } from 'pino-http';

import { isDatabaseUnavailable } from '../common/database-unavailable.js';
import { runAs } from '../common/request-context.js';
import { adminSecurityHeaders } from '../common/security-headers.js';
import { httpLoggerOptions } from '../common/logger.js';
import { APP_CONFIG } from '../config/tokens.js';
import type { AppConfig } from '../config/config.js';
import { AuthService, LoginRefusedError, type SessionUser } from '../modules/auth/auth.service.js';
import {
  SESSION_COOKIE,
  SESSION_MIDDLEWARE,
  type SessionMiddleware,
} from '../modules/auth/session.provider.js';
import { AttachmentStorage } from '../modules/client/attachments.js';
import { HistoryService } from '../modules/client/history.service.js';
import { backOfficeRateLimits } from '../modules/auth/request-rate.js';
import { refuse } from '../common/refusal.js';
import { sameOriginOnly } from '../common/same-origin.js';
import { backOfficeBodies } from './body-gate.js';
import { knownRoutesOnly } from './known-routes.js';
import { russianNotices } from './russian-notices.js';
import { offlineAssetsRouter } from './offline-assets.js';
import { precompressedScripts } from './precompressed-assets.js';
import { DomainError } from '../common/domain-error.js';
import { toId } from '../common/input-values.js';
import { ReportService } from '../modules/report/report.service.js';
import { ExportService, OutputClosedError } from '../modules/export/export.service.js';
import { listExportRequest } from './list-export.js';
import { EXPORTS_PAGE } from './exports-page.js';
import { IMPORT_API, importApi } from './import-api.js';
import { ImportService } from '../modules/import/import.service.js';

/** A committee member's form (a report request): no files. */
const COMMITTEE_BODY_BYTES = 1024 * 1024;
/** The login form: an e-mail and a password. */
const LOGIN_BODY_BYTES = 16 * 1024;

declare module 'express-session' {
  interface SessionData {
    adminUser?: SessionUser;
    loginAt?: number;
    redirectTo?: string;
  }
}

/**
 * Mounts AdminJS on Express with this project's login: sessions in PostgreSQL, a new session id
 * at login, idle and absolute timeouts, attempt limits, and the user re-read on every request so
 * that a deactivated user or a changed role takes effect at once.
 */
@Injectable()
export class AdminRouterLoader extends AbstractLoader {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SESSION_MIDDLEWARE) private readonly session: SessionMiddleware,
    private readonly history: HistoryService,
    private readonly attachments: AttachmentStorage,
    private readonly reports: ReportService,
    private readonly exports: ExportService,
    private readonly imports: ImportService,
  ) {
    super();
  }

  async register(
    admin: AdminJS,
    httpAdapter: AbstractHttpAdapter,
    options: AdminModuleOptions,
  ): Promise<void> {
    const app = httpAdapter.getInstance<Express>();
    const { rootPath } = options.adminJsOptions;
    const { default: adminExpress } = await import('@adminjs/express');

    const router = express.Router();
    router.use(pinoHttp(httpLoggerOptions(this.config)));
    router.use(adminSecurityHeaders(this.config.http.trustProxy));
    // The scripts, compressed by the build (precompressed-assets.ts); the rest compressed as it
    // goes — mounted before the app's own middleware (app.factory.ts), so compressed here too.
    const { Router: adminRoutes } = await import('adminjs');
    router.use(precompressedScripts(adminRoutes.assets));
    router.use(compression());
    router.use(await offlineAssetsRouter(rootPath ?? '/admin'));
    router.use(this.session.handler);
    router.use(this.refreshSessionUser());
    // Before AdminJS's own routes: rates, where a request comes from, then its body (see body-gate.ts).
    router.use(backOfficeRateLimits(this.config));
    if (this.config.http.trustProxy) router.post('/login', loginOverHttpsOnly);
    router.use(sameOriginOnly(this.config.http.publicUrl, this.config.http.trustProxy));
    router.use(
      backOfficeBodies(this.attachments.incoming, {
        staff: this.config.uploads.maxRequestBytes,
        committee: COMMITTEE_BODY_BYTES,
        login: LOGIN_BODY_BYTES,
      }),
    );
    router.use(russianNotices());
    router.get('/files/*key', this.serveAttachment());
    router.get('/reports/:id/pdf', this.serveReport());
    router.get('/export/:resourceId', this.serveExport(admin));
    router.get('/exports/:id/file', this.serveExportFile());
    router.use(IMPORT_API, importApi(this.imports));
    const ownLayers = (router as unknown as RouterStack).stack.length;
    const adminRouter = adminExpress.buildAuthenticatedRouter(
      admin,
      {
        // The session middleware above already ran; AdminJS's own one then passes requests through.
        cookieName: SESSION_COOKIE,
        cookiePassword: String(this.session.options.secret),
        authenticate: (email: string, password: string, context?: { req: Request }) =>
          this.logIn(email, password, context!.req),
      },
      router,
      this.session.options,
      // Bodies are parsed above (backOfficeBodies) once the session is known; AdminJS's parser then
      // passes. Should it ever run, it takes nothing: no files, no fields beyond 1 KB.
      { uploadDir: this.attachments.incoming, keepExtensions: false, maxFileSize: 1, maxFieldsSize: 1024 },
    );
    const adminStack = adminRouter as unknown as RouterStack;
    insertAfter(adminStack, 'authorizedRoutesMiddleware', knownRoutesOnly(admin) as unknown as RouterStack);
    beforeAdminRoutes(adminStack, ownLayers, runAsSessionUser() as unknown as RouterStack);
    app.use(rootPath ?? '/admin', function admin(request, response, next) {
      return adminRouter(request, response, next);
    });
    moveBeforeBodyParsers(app);
  }

  private async logIn(email: string, password: string, request: Request): Promise<SessionUser | null> {
    let user: SessionUser;
    try {
      user = await this.auth.authenticate(email, password, request.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof LoginRefusedError && error.messageKey === 'invalidCredentials') return null;
      // AdminJS shows the error's message on the login page: a message key of the Russian locale.
      if (isDatabaseUnavailable(error)) throw new Error('databaseUnavailable', { cause: error });
      throw error;
    }
    // A new session id at login: a session id planted before login is worth nothing after it.
    const redirectTo = request.session.redirectTo;
    await new Promise<void>((resolve, reject) =>
      request.session.regenerate((error) => (error ? reject(error) : resolve())),
    );
    request.session.redirectTo = redirectTo;
    request.session.loginAt = Date.now();
    return user;
  }

  /**
   * A history event's file, to logged-in administrators and managers only (committee members and
   * visitors without a session get 403 / the login page), as a download with its original name.
   */
  private serveAttachment(): RequestHandler {
    return (request, response, next) => {
      const user = signedIn(request, response);
      if (!user) return;
      if (user.role !== 'admin' && user.role !== 'manager') {
        response.status(403).type('text').send('Недостаточно прав');
        return;
      }
      const parts = (request.params as { key?: string | string[] }).key;
      const key = Array.isArray(parts) ? parts.join('/') : String(parts ?? '');
      const file = this.attachments.fileOf(key);
      this.history
        .attachment(key)
        .then((attachment) => {
          if (!attachment || !file) {
            response.status(404).type('text').send('Файл не найден');
            return;
          }
          response.type(attachment.mimeType || 'application/octet-stream');
          response.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' });
          response.download(file, attachment.name, { dotfiles: 'allow' }, (error) => {
            if (error && !response.headersSent) response.status(404).type('text').send('Файл не найден');
          });
        })
        .catch(next);
    };
  }

  /**
   * A report's PDF, to whoever may read it (ReportService decides): a download with its Russian
   * file name. Without a session: the login page.
   */
  private serveReport(): RequestHandler {
    return (request, response, next) => {
      const user = signedIn(request, response);
      if (!user) return;
      const id = toId((request.params as { id?: string }).id);
      if (id === undefined) {
        response.status(404).type('text').send('Отчёт не найден');
        return;
      }
      this.reports
        .download(id, user)
        .then((file) => {
          response.attachment(file.fileName);
          response.set({
            'Content-Type': 'application/pdf',
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'private, no-store',
          });
          response.send(file.content);
        })
        .catch((error: unknown) => {
          if (!sendRefusal(response, error)) next(error);
        });
    };
  }

  /**
   * «Экспорт в Excel» / «Экспорт в CSV» of a list (list-export.ts decides what the user gets): a small
   * export streams as the download; a large one is queued and the user is taken to «Мои выгрузки».
   * A refusal is its status with the Russian message. Never compressed on the way (no-transform):
   * the writer waits on the connection itself, so what is held in memory stays bounded.
   */
  private serveExport(admin: AdminJS): RequestHandler {
    return (request, response, next) => {
      const user = signedIn(request, response);
      if (!user) return;
      const resourceId = String((request.params as { resourceId?: string }).resourceId ?? '');
      listExportRequest(admin, resourceId, request.query as Record<string, unknown>, user)
        .then((asked) => this.exports.start(asked))
        .then(async (started) => {
          if (started.kind === 'job') {
            response.redirect(303, `${request.baseUrl}/pages/${EXPORTS_PAGE}`);
            return;
          }
          response.attachment(started.fileName);
          response.set({
            'Content-Type': started.contentType,
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'private, no-store, no-transform',
          });
          await started.write(response);
        })
        .catch((error: unknown) => {
          if (error instanceof OutputClosedError) return;
          if (!response.headersSent && sendRefusal(response, error)) return;
          if (response.headersSent) {
            // Mid-file: the download breaks off rather than ending as a file that looks whole.
            response.destroy(error instanceof Error ? error : undefined);
          } else next(error);
        });
    };
  }

  /** A background export's file, to the user who asked for it (ExportService decides). */
  private serveExportFile(): RequestHandler {
    return (request, response, next) => {
      const user = signedIn(request, response);
      if (!user) return;
      const id = toId((request.params as { id?: string }).id);
      if (id === undefined) {
        response.status(404).type('text').send('Выгрузка не найдена');
        return;
      }
      this.exports
        .download(id, user.id)
        .then((file) => {
          response.type(file.contentType);
          response.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' });
          response.download(file.path, file.fileName, { dotfiles: 'allow' }, (error) => {
            if (error && !response.headersSent)
              response.status(404).type('text').send('Файл выгрузки не найден');
          });
        })
        .catch((error: unknown) => {
          if (!sendRefusal(response, error)) next(error);
        });
    };
  }

  private refreshSessionUser(): RequestHandler {
    const absoluteMs = this.config.session.absoluteHours * 3_600_000;
    return (request, _response, next) => {
      const current = request.session?.adminUser;
      if (!current || request.path.startsWith('/frontend/assets')) return next();
      const expired = !request.session.loginAt || Date.now() - request.session.loginAt > absoluteMs;
      const refresh = expired ? Promise.resolve(undefined) : this.auth.refresh(current.id);
      refresh
        .then((fresh) => {
          if (fresh) {
            request.session.adminUser = fresh;
            return next();
          }
          request.session.destroy((error) => next(error));
        })
        .catch(next);
    };
  }
}

/**
 * AdminJS parses its own request bodies (formidable), so its router must run before Nest's JSON
 * and form parsers — the same reordering @adminjs/nestjs's ExpressLoader does.
 */
function moveBeforeBodyParsers(app: Express): void {
  const stack = (app as unknown as { router?: { stack: { name: string }[] } }).router?.stack;
  if (!stack) return;
  const take = (name: string) => {
    const index = stack.findIndex((layer) => layer.name === name);
    return index >= 0 ? stack.splice(index, 1) : [];
  };
  const jsonParser = take('jsonParser');
  const urlencodedParser = take('urlencodedParser');
  const admin = take('admin');
  const insertAt = stack.findIndex((layer) => layer.name === 'expressInit') + 1;
  stack.splice(insertAt, 0, ...admin, ...jsonParser, ...urlencodedParser);
}

/**
 * Behind the HTTPS proxy (TRUST_PROXY) the session cookie is always Secure: a login that arrived
 * over plain HTTP could not keep it, so it is refused with the reason instead.
 */
const loginOverHttpsOnly: RequestHandler = (request, response, next) => {
  if (request.secure) return next();
  refuse(
    request,
    response,
    403,
    'Вход только по HTTPS: откройте CRM по адресу, начинающемуся с https://',
    'auth.https_required',
  );
};

interface RouterStack {
  stack: { route?: unknown; name?: string }[];
}

/** Layers that AdminJS's router runs just before its first route (after its body parser). */
function beforeAdminRoutes(router: RouterStack, from: number, layers: RouterStack): void {
  const firstRoute = router.stack.findIndex((layer, index) => index >= from && layer.route !== undefined);
  if (firstRoute < 0) throw new Error('AdminJS router without routes: cannot enter the user context');
  router.stack.splice(firstRoute, 0, ...layers.stack);
}

/** Layers that AdminJS's router runs right after one of its own middlewares (by its function name). */
function insertAfter(router: RouterStack, name: string, layers: RouterStack): void {
  const index = router.stack.findIndex((layer) => layer.name === name);
  if (index < 0) throw new Error(`AdminJS router without ${name}: cannot check its routes`);
  router.stack.splice(index + 1, 0, ...layers.stack);
}

/**
 * Every back-office request is served on behalf of its session's user (the audit log's «who»):
 * AdminJS's actions, their hooks and its features (file uploads). The context is entered after
 * AdminJS's body parser, whose stream callbacks would lose it — just before AdminJS's first route.
 */
function runAsSessionUser(): express.Router {
  const userContext = express.Router();
  userContext.use((request, _response, next) => runAs(request.session?.adminUser?.id, next));
  return userContext;
}

/** The signed-in user of a download route; without a session, the login page (and undefined). */
function signedIn(request: Request, response: Response): SessionUser | undefined {
  const user = request.session?.adminUser;
  if (!user) response.redirect(`${request.baseUrl}/login`);
  return user;
}

/** A service's refusal answered as its status with the Russian message; false for anything else. */
function sendRefusal(response: Response, error: unknown): boolean {
  if (!(error instanceof DomainError)) return false;
  response.status(error.status).type('text').send(error.message);
  return true;
}
