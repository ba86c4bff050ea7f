// The browser tests drive Debian's Chromium (never a downloaded browser). Install it when missing
// and we may (root with apt-get); otherwise say exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    process.stderr.write(
      `Для браузерных тестов нужен Chromium (${CHROMIUM}). Установите его: sudo apt-get install -y chromium ` +
        `или укажите путь в CHROMIUM_PATH.\n`,
    );
    process.exit(1);
  }
  process.stdout.write('Устанавливаю Chromium для браузерных тестов (apt-get install chromium)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'],
    {
      stdio: 'inherit',
      env,
    },
  );
}
