import { parseArgs } from 'node:util';

import { DomainError } from '../../common/domain-error.js';
import { bootLogger } from '../../common/logger.js';
import { buildConfig } from '../../config/config.js';
import { UserService } from '../../modules/user/user.service.js';
import { openDatabase, StartupError } from '../open-database.js';
import { prepareDatabase } from '../prepare-database.js';
import { seedDemo } from './demo-seed.js';
import { defaultVolume, seedVolume } from './volume-seed.js';

/**
 * `npm run seed:volume -- --leads 1000000 [--clients N --deals N --events N --premises N --users N --years N]`:
 * years of data for performance work, into the database the app uses (DATABASE_URL or the embedded
 * one). Every generated user's password is printed once.
 */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((argument) => !argument.endsWith('.js')),
  options: Object.fromEntries(Object.keys(defaultVolume).map((name) => [name, { type: 'string' as const }])),
});
const options = { ...defaultVolume };
for (const [name, value] of Object.entries(values)) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 50_000_000) {
    process.stderr.write(
      `--${name}: ожидается целое число от 0 до 50 000 000 (сейчас: «${String(value)}»)\n`,
    );
    process.exit(1);
  }
  (options as Record<string, number>)[name] = number;
}

const config = buildConfig();
const log = bootLogger(config);
let database;
try {
  database = await openDatabase(config, log);
  await prepareDatabase(database.dataSource);
  await seedDemo(database.dataSource);
  const password = `Volume-${Math.random().toString(36).slice(2, 10)}`;
  const passwordHash = await new UserService(database.dataSource).hashPassword(password);
  const started = performance.now();
  const result = await seedVolume(database.dataSource, { ...options, passwordHash }, (label, rows, ms) =>
    process.stdout.write(`  ${label}: ${rows.toLocaleString('ru-RU')} за ${(ms / 1000).toFixed(1)} с\n`),
  );
  process.stdout.write(
    `Объёмные данные за ${((performance.now() - started) / 1000).toFixed(0)} с: ` +
      `лидов ${result.leads}, клиентов ${result.clients}, сделок ${result.deals} (строк ${result.dealLines}), ` +
      `событий истории ${result.historyEvents}, помещений ${result.premises}, пользователей ${result.users}.\n` +
      `Пароль пользователей volume.userN@kosino.example (показан один раз): ${password}\n`,
  );
} catch (error) {
  if (error instanceof StartupError || error instanceof DomainError) log.error(error.message);
  else log.error({ err: error }, 'Объёмные данные не загружены');
  process.exitCode = 1;
} finally {
  await database?.close();
}
