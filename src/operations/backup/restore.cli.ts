import { formatDateTime } from '../../common/ru-format.js';
import { parseCli, say, withAppDatabase } from '../cli/script.js';
import { restoreBackup } from './restore.js';
import { BackupError } from './backup-tools.js';

/**
 * `npm run restore -- FOLDER [--force]`: a backup made by `npm run backup` into the database the
 * app uses and UPLOAD_DIR — only when both are empty, unless --force (then they are replaced) —
 * and only while the app is stopped.
 */
const { values, positionals } = parseCli(
  { force: { type: 'boolean', default: false } },
  'npm run restore -- ПАПКА_КОПИИ [--force]',
);

await withAppDatabase(
  async ({ config, url, database }) => {
    if (positionals.length !== 1) {
      throw new BackupError(
        'Укажите папку резервной копии: npm run restore -- var/backups/kosino-crm-… [--force]',
      );
    }
    const knownMigrations = database.dataSource.migrations.map(
      (migration) => migration.name ?? migration.constructor.name,
    );
    // The app's own connections would only wait on the restore's locks: the restore needs none of them.
    await database.dataSource.destroy();
    const manifest = await restoreBackup({
      url,
      uploadDir: config.uploads.directory,
      from: positionals[0],
      force: values.force === true,
      knownMigrations,
      notice: say,
    });
    const pending = knownMigrations.length - manifest.migrations.length;
    const madeAt = formatDateTime(manifest.createdAt);
    say(
      `Восстановлено из копии от ${madeAt} МСК (версия приложения ${manifest.app.version}): ` +
        `база ${manifest.postgres.database} (миграций ${manifest.migrations.length}), файлов ${manifest.files.count}.` +
        (pending > 0
          ? `\n  Копия старше этой версии приложения: при запуске (npm start) будут применены новые миграции (${pending}).`
          : ''),
    );
  },
  { needsAppStopped: 'восстановление заменяет базу и файлы, с которыми оно работает' },
);
