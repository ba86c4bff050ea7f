import { promises as fs } from 'node:fs';
import path from 'node:path';

import express, { type RequestHandler, type Router } from 'express';

import { projectRoot } from '../common/project-root.js';

const GOOGLE_FONTS_LINK = /<link[^>]+fonts\.googleapis\.com[^>]*>/g;
const FONT_WEIGHTS = [300, 400, 500, 700];

/**
 * AdminJS's page templates link Roboto from Google Fonts; in the park's closed office network that
 * request hangs the page. Serve Roboto (with Cyrillic) from @fontsource/roboto instead, plus our logo.
 */
export async function offlineAssetsRouter(rootPath: string): Promise<Router> {
  const fontsDir = path.join(projectRoot, 'node_modules', '@fontsource', 'roboto');
  const stylesheets = await Promise.all(
    FONT_WEIGHTS.map((weight) => fs.readFile(path.join(fontsDir, `${weight}.css`), 'utf8')),
  );
  const css = stylesheets.join('\n').replaceAll('./files/', `${rootPath}/static/fonts/`);

  const router = express.Router();
  router.get('/static/fonts.css', (_request, response) => {
    response.type('text/css').set('Cache-Control', 'public, max-age=86400').send(css);
  });
  router.use(
    '/static/fonts',
    express.static(path.join(fontsDir, 'files'), { maxAge: '7d', fallthrough: false }),
  );
  // Our own static files: the logo and the stylesheet with Russian texts for AdminJS's selects.
  router.use('/static', express.static(path.join(projectRoot, 'src', 'admin', 'static'), { maxAge: '1h' }));
  router.use(replaceGoogleFonts(rootPath));
  return router;
}

/** Rewrites the HTML that AdminJS sends so that it links the self-hosted stylesheet. */
function replaceGoogleFonts(rootPath: string): RequestHandler {
  return (_request, response, next) => {
    const send = response.send.bind(response);
    response.send = (body?: unknown) =>
      send(
        typeof body === 'string'
          ? body.replace(GOOGLE_FONTS_LINK, `<link rel="stylesheet" href="${rootPath}/static/fonts.css">`)
          : body,
      );
    next();
  };
}
