// `npm test`: makes sure the build is current (the boot test starts dist/, the browser test loads
// the components bundle) and Chromium is there, then runs jest. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { isBuildStale } from './build-freshness.mjs';
import { ensureTestTools } from './ensure-test-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    .status ?? 1;

if (isBuildStale(root)) {
  const status = run([path.join(root, 'scripts', 'build.mjs')]);
  if (status !== 0) process.exit(status);
}
ensureTestTools();
process.exit(
  run([path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)], {
    NODE_OPTIONS:
      `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
  }),
);
