import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import type { RequestHandler } from 'express';

import { adminComponentsDir, projectRoot } from '../common/project-root.js';

/**
 * The back-office's scripts (AdminJS's three bundles and our components', 3.6 MB) compressed once
 * by `npm run build`, at the strongest levels, instead of on every first visit: the `compression`
 * middleware spent about 200 ms of CPU per visit on them at its default gzip level — on the two
 * cores the browser's own work needs — and brotli at level 11 makes them a quarter smaller than
 * that gzip (1.0 MB → 0.8 MB), but takes seconds, so it cannot be done per request or at start.
 */
export const PRECOMPRESSED_DIR = path.join(projectRoot, 'dist', 'precompressed');
const MANIFEST = path.join(PRECOMPRESSED_DIR, 'manifest.json');

interface Entry {
  /** The address AdminJS serves the script at, under the back-office's root. */
  path: string;
  src: string;
  size: number;
  mtimeMs: number;
  etag: string;
}

/** What AdminJS serves as scripts (its Router.assets) and our components' bundle. */
export function backOfficeScripts(assets: { path: string; src: string }[]): { path: string; src: string }[] {
  const scripts = assets
    .filter((asset) => asset.path.endsWith('.js'))
    .map((asset) => ({ path: asset.path, src: path.resolve(asset.src) }));
  // In production AdminJS lists the components' bundle among its assets; otherwise it builds it on
  // request — from the bundle `npm run build` made (main.ts points ADMIN_JS_TMP_DIR there).
  const components = '/frontend/assets/components.bundle.js';
  if (!scripts.some((script) => script.path === components)) {
    scripts.push({ path: components, src: path.join(adminComponentsDir, 'bundle.js') });
  }
  return scripts;
}

/** `npm run build` step: writes each script as .br and .gz with a manifest. */
export async function precompressScripts(scripts: { path: string; src: string }[]): Promise<number> {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  await mkdir(PRECOMPRESSED_DIR, { recursive: true });
  const entries = await Promise.all(
    scripts.map(async (script, index): Promise<Entry> => {
      const content = await readFile(script.src);
      const [br, gz] = await Promise.all([
        brotli(content, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
        gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      await writeFile(path.join(PRECOMPRESSED_DIR, `${index}.br`), br);
      await writeFile(path.join(PRECOMPRESSED_DIR, `${index}.gz`), gz);
      const { size, mtimeMs } = statSync(script.src);
      const etag = createHash('sha1').update(content).digest('base64url').slice(0, 20);
      return { ...script, size, mtimeMs, etag };
    }),
  );
  await writeFile(MANIFEST, JSON.stringify(entries, null, 2));
  return entries.length;
}

/**
 * Serves the scripts `npm run build` compressed, to browsers that take brotli or gzip. A script
 * whose file changed since (or another file than AdminJS serves in this environment) is left to
 * AdminJS and the `compression` middleware, as is everything when there is no build's manifest.
 * Mounted before the session and the rate limits: the scripts are the same for everyone.
 */
export function precompressedScripts(assets: { path: string; src: string }[]): RequestHandler {
  const served = new Map<string, { br: Buffer; gzip: Buffer; etag: string }>();
  const manifest = existsSync(MANIFEST) ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Entry[]) : [];
  for (const script of backOfficeScripts(assets)) {
    const index = manifest.findIndex((entry) => entry.path === script.path && entry.src === script.src);
    const entry = manifest[index];
    if (!entry || !existsSync(script.src)) continue;
    const { size, mtimeMs } = statSync(script.src);
    if (size !== entry.size || mtimeMs !== entry.mtimeMs) continue;
    served.set(script.path, {
      br: readFileSync(path.join(PRECOMPRESSED_DIR, `${index}.br`)),
      gzip: readFileSync(path.join(PRECOMPRESSED_DIR, `${index}.gz`)),
      etag: entry.etag,
    });
  }

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const script = served.get(request.path);
    const encoding = script && request.acceptsEncodings('br', 'gzip');
    if (!script || (encoding !== 'br' && encoding !== 'gzip')) return next();
    const etag = `"${script.etag}-${encoding}"`;
    response.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Encoding': encoding,
      Vary: 'Accept-Encoding',
      ETag: etag,
      'Cache-Control': 'public, max-age=0, must-revalidate',
    });
    const known = request.get('if-none-match');
    if (known?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      response.status(304).end();
      return;
    }
    const body = encoding === 'br' ? script.br : script.gzip;
    response.set('Content-Length', String(body.length));
    if (request.method === 'HEAD') response.end();
    else response.end(body);
  };
}
