import { readFileSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../../common/project-root.js';
import { formatNumber } from '../../common/ru-format.js';

/** What `npm run backup` and `npm run restore` share (besides cli/script.ts). */

export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export function formatBytes(bytes: number): string {
  const format = (value: number) => formatNumber(value, 1);
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} КБ`;
  return `${format(bytes / 1024 / 1024)} МБ`;
}
