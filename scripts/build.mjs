// `npm run build`: compiles TypeScript into dist/ and bundles the back-office components once,
// so that `npm start` only starts. Also run by `npm install` (postinstall) and, when sources
// changed since the last build, by `npm start`.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (title, args) => {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`Сборка не удалась на шаге «${title}»\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`[build] ${title}: ${Date.now() - started} мс\n`);
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run('TypeScript', [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
run('компоненты панели', [path.join(root, 'dist', 'src', 'admin', 'cli', 'bundle-admin.js')]);
run('сжатие скриптов панели', [path.join(root, 'dist', 'src', 'admin', 'cli', 'precompress-scripts.js')]);
writeFileSync(path.join(root, 'dist', '.build-stamp'), new Date().toISOString());
