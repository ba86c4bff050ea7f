import { textTable } from '../../common/text-table.js';
import { userRoleLabels } from '../../modules/user/entities/user.entity.js';
import { say, withAppDatabase } from '../cli/script.js';
import { prepareDatabase } from '../prepare-database.js';
import { seedDemoActivity } from './demo-activity.js';
import { seedDemo } from './demo-seed.js';

/**
 * `npm run seed:demo`: fills the database the app uses (DATABASE_URL, the embedded one of the app
 * running beside, or the embedded default) with demo data; prints each new login once.
 */
await withAppDatabase(async ({ database }) => {
  await prepareDatabase(database.dataSource);
  const result = await seedDemo(database.dataSource);
  const activity = await seedDemoActivity(database.dataSource);
  say(
    `Демо-данные: добавлено помещений ${result.premises}, заполнены контакты департаментов: ${result.departmentsFilled}.`,
  );
  if (result.users.length > 0) {
    say('Созданы пользователи — пароли показаны один раз, сохраните их:');
    const rows = result.users.map((user) => [
      user.department ? `${userRoleLabels[user.role]} (${user.department})` : userRoleLabels[user.role],
      user.email,
      user.password,
    ]);
    for (const line of textTable([['Роль', 'Вход (эл. почта)', 'Пароль'], ...rows])) say(line);
  } else {
    say('Демо-пользователи уже созданы ранее. Новый пароль любому из них: npm run user:password -- ЭЛ_ПОЧТА');
  }
  say(
    activity.leads > 0
      ? `Два года работы: лидов ${activity.leads}, клиентов ${activity.clients}, сделок ${activity.deals}, событий истории ${activity.historyEvents}.`
      : 'Лиды в базе уже есть: демо-работа не добавлялась.',
  );
});
