// `npm test`: runs jest with native ESM. Extra arguments go to jest: `npm test -- <path>` runs one
// file, `npm test -- --selectProjects unit` one tier (see jest.config.js). The build of dist/,
// Chromium and the test PostgreSQL come from the integration and e2e tiers' global setup
// (test/setup/global-setup.mjs), so a run of unit specs alone needs none of them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const { status } = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_OPTIONS:
      `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
  },
});
process.exit(status ?? 1);
