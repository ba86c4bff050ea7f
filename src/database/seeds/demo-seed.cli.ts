import { bootLogger } from '../../common/logger.js';
import { buildConfig } from '../../config/config.js';
import { openDatabase, StartupError } from '../open-database.js';
import { prepareDatabase } from '../prepare-database.js';
import { seedDemoActivity } from './demo-activity.js';
import { seedDemo } from './demo-seed.js';

/** `npm run seed:demo`: fills the database the app uses (same DATABASE_URL / embedded default) with demo data. */
const config = buildConfig();
const log = bootLogger(config);
let database;
try {
  database = await openDatabase(config, log);
  await prepareDatabase(database.dataSource);
  const result = await seedDemo(database.dataSource);
  const activity = await seedDemoActivity(database.dataSource);
  const lines = [
    `Демо-данные: добавлено помещений ${result.premises}, заполнены контакты департаментов: ${result.departmentsFilled}.`,
    ...result.users.map(
      (user) => `  Пользователь ${user.email}, пароль (показан один раз): ${user.password}`,
    ),
  ];
  if (result.users.length === 0) lines.push('  Демо-пользователи уже созданы ранее.');
  lines.push(
    activity.leads > 0
      ? `Два года работы: лидов ${activity.leads}, клиентов ${activity.clients}, сделок ${activity.deals}, событий истории ${activity.historyEvents}.`
      : 'Лиды в базе уже есть: демо-работа не добавлялась.',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (error instanceof StartupError) log.error(error.message);
  else log.error({ err: error }, 'Демо-данные не загружены');
  process.exitCode = 1;
} finally {
  await database?.close();
}
