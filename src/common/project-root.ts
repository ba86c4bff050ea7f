import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder with package.json, whether the code runs from src/ (tests) or dist/src/ (the app). */
export const projectRoot = (() => {
  let current = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(current, 'package.json'))) {
    const parent = path.dirname(current);
    if (parent === current) throw new Error('package.json не найден выше ' + fileURLToPath(import.meta.url));
    current = parent;
  }
  return current;
})();

/** Where `npm run build` puts the bundle of the back-office's own React components. */
export const adminComponentsDir = path.join(projectRoot, 'dist', 'admin-components');
