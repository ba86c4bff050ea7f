import path from 'node:path';

import { appVersion, formatBytes } from './backup-cli.js';
import { parseCli, say, withAppDatabase } from '../cli/script.js';
import { BackupError } from './backup-tools.js';
import { createBackup } from './backup.js';

/**
 * `npm run backup [-- --out FOLDER]`: the database the app uses (pg_dump) and its uploaded files
 * (UPLOAD_DIR) into one new folder, by default var/backups/kosino-crm-<date>-<time>.
 */
const { values, positionals } = parseCli(
  { out: { type: 'string', short: 'o' } },
  'npm run backup [-- --out ПАПКА]',
);

await withAppDatabase(async ({ config, url }) => {
  if (positionals.length > 0)
    throw new BackupError(`Лишние аргументы: ${positionals.join(' ')} (папка копии задаётся через --out)`);
  const stamp = new Date().toISOString().replace(/\..*$/, '').replaceAll(':', '-').replace('T', '-');
  const out = path.resolve(
    values.out ?? path.join(config.projectRoot, 'var', 'backups', `kosino-crm-${stamp}`),
  );
  const manifest = await createBackup({
    url,
    uploadDir: config.uploads.directory,
    out,
    appVersion: appVersion(),
    notice: say,
  });
  say(
    `Резервная копия готова: ${out}\n` +
      `  база ${manifest.postgres.database}: ${formatBytes(manifest.database.bytes)} ` +
      `(PostgreSQL ${manifest.postgres.server}, миграций ${manifest.migrations.length}), ` +
      `файлов ${manifest.files.count} на ${formatBytes(manifest.files.bytes)}.\n` +
      `  Восстановить: npm run restore -- ${out}`,
  );
});
