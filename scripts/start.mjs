// `npm start`: builds first if the sources changed since the last build, then starts the app.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { isBuildStale } from './build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (isBuildStale(root)) {
  process.stdout.write('Исходный код изменился с последней сборки — собираю (npm run build)…\n');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(root, 'dist', 'src', 'main.js')).href);
