import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import type { RequestHandler } from 'express';

import { adminComponentsDir } from '../common/project-root.js';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface Compressed {
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * The back-office's scripts (AdminJS's three bundles and our components', 3.6 MB) compressed once,
 * at the strongest levels, instead of on every first visit: the `compression` middleware spent
 * about 200 ms of CPU per visit on them at its default gzip level — on the two cores the browser's
 * own work needs — and brotli at level 11 makes them a quarter smaller than that gzip.
 *
 * Compressing runs in the background after start (zlib's thread pool); until a script is ready,
 * its request falls through to AdminJS (and the `compression` middleware) as before. Served before
 * the session and the rate limits: the scripts are the same for everyone, logged in or not.
 */
export function precompressedScripts(
  scripts: { path: string; src: string }[],
  onError: (error: unknown) => void,
): RequestHandler {
  const ready = new Map<string, Compressed>();
  const all = [
    ...scripts.filter((script) => script.path.endsWith('.js')),
    { path: '/frontend/assets/components.bundle.js', src: path.join(adminComponentsDir, 'bundle.js') },
  ];
  void (async () => {
    for (const script of all) {
      try {
        const content = await fs.readFile(script.src);
        const [br, gz] = await Promise.all([
          brotli(content, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
          gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
        ]);
        const etag = `"${createHash('sha1').update(content).digest('base64url').slice(0, 20)}"`;
        ready.set(script.path, { br, gzip: gz, etag });
      } catch (error) {
        // A missing file stays AdminJS's to answer (it says what is missing).
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error);
      }
    }
  })();

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const script = ready.get(request.path);
    const encoding = script && request.acceptsEncodings('br', 'gzip');
    if (!script || (encoding !== 'br' && encoding !== 'gzip')) return next();
    response.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Encoding': encoding,
      Vary: 'Accept-Encoding',
      ETag: `${script.etag.slice(0, -1)}-${encoding}"`,
      'Cache-Control': 'public, max-age=0, must-revalidate',
    });
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    const body = encoding === 'br' ? script.br : script.gzip;
    response.set('Content-Length', String(body.length));
    if (request.method === 'HEAD') response.end();
    else response.end(body);
  };
}
