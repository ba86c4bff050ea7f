// After `npm install` / `npm ci`: build once, so that the first `npm start` only starts.
// Skipped when the sources are not there (e.g. a production image that copies dist/ alone).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(path.join(root, 'src')) && existsSync(path.join(root, 'node_modules', 'typescript'))) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
