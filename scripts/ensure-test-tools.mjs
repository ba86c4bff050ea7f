// The tests drive Debian's Chromium (never a downloaded browser), read report PDFs with
// poppler-utils (pdftotext, pdfinfo) and run `npm run backup` / `npm run restore`, which need
// PostgreSQL's client programs (postgresql-client: pg_dump, pg_restore, psql — Debian's line is the
// embedded server's, 15). Install what is missing when we may (root with apt-get); otherwise say
// exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

export function ensureTestTools() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium', 'fonts-dejavu-core');
  if (!onPath('pdftotext') || !onPath('pdfinfo')) missing.push('poppler-utils');
  if (!['pg_dump', 'pg_restore', 'psql'].every(onPath)) missing.push('postgresql-client');
  if (missing.length === 0) return;
  const canInstall = process.getuid?.() === 0 && onPath('apt-get');
  if (!canInstall) {
    process.stderr.write(
      `Для тестов нужны пакеты: ${missing.join(', ')}. Установите их: sudo apt-get install -y ${missing.join(' ')}` +
        ` (путь к Chromium можно указать в CHROMIUM_PATH).\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`Устанавливаю для тестов: ${missing.join(', ')} (apt-get install)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
}
