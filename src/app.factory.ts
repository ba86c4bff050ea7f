import path from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { Logger } from 'nestjs-pino';

import { AppModule, type AppModuleOptions } from './app.module.js';
import { AppLogger } from './common/logger.js';
import { projectRoot } from './common/project-root.js';
import { publicSecurityHeaders } from './common/security-headers.js';
import { FORM_ASSETS_PATH } from './modules/lead/public-form/form-pages.js';

/** Builds and initialises the whole app (without listening): used by the boot and by the tests. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new AppLogger(app.get(Logger)));
  app.disable('x-powered-by');
  app.set('trust proxy', options.config.http.trustProxy ? 1 : false);
  app.use(publicSecurityHeaders(options.config.http.trustProxy));
  // Answers compressed for browsers that accept it (the back-office compresses its own: its router
  // is mounted before this middleware, see admin-router.loader.ts).
  app.use(compression());
  // The public form's script and stylesheet (served from the sources: they are not compiled).
  app.useStaticAssets(path.join(projectRoot, 'src', 'modules', 'lead', 'public-form', 'static'), {
    prefix: `${FORM_ASSETS_PATH}/`,
    maxAge: '1h',
  });
  setUpApiDocs(app);
  await app.init();
  // Nest 11 holds the lines buffered during the boot until listen(), and they would come out
  // after the start banner (a test that never listens would not see them at all).
  app.flushLogs();
  return app;
}

/** OpenAPI of the public API at /api/docs (JSON at /api/docs-json), Swagger UI served from this server. */
function setUpApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kosino CRM — API')
      .setDescription('Приём заявок с сайта в CRM производственно-складского парка «Косино».')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    customSiteTitle: 'Kosino CRM — API',
    swaggerOptions: { supportedSubmitMethods: [] },
  });
}
