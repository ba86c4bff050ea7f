import readline from 'node:readline';
import { Writable } from 'node:stream';

import { parseCli, say, ScriptError, withAppDatabase } from './script.js';
import { AuthService, unknownUser } from '../../modules/auth/auth.service.js';
import { userRoleLabels } from '../../modules/user/entities/user.entity.js';
import {
  assertAcceptablePassword,
  generatePassword,
  InvalidPasswordError,
  MIN_PASSWORD_LENGTH,
} from '../../modules/user/password-policy.js';
import { UserService } from '../../modules/user/user.service.js';

/**
 * `npm run user:password -- EMAIL [--generate] [--activate]`: a new password for a user — typed
 * twice without echo in a terminal, or generated and printed once (--generate, or no terminal) —
 * which also lifts the account's login locks and ends its sessions (AuthService.resetPassword).
 * Runs beside the app (it finds the app's database), or alone.
 */
const usage = 'npm run user:password -- ЭЛ_ПОЧТА [--generate] [--activate]';
const { values, positionals } = parseCli(
  { generate: { type: 'boolean', default: false }, activate: { type: 'boolean', default: false } },
  usage,
);

await withAppDatabase(async ({ config, database }) => {
  if (positionals.length !== 1) throw new ScriptError(`Укажите эл. почту одного пользователя: ${usage}`);
  const email = positionals[0]!;
  const { dataSource } = database;
  if (await dataSource.showMigrations()) {
    throw new ScriptError(
      'База данных не подготовлена для этой версии приложения: запустите его (npm start), затем повторите команду. Ничего не изменено.',
    );
  }
  const users = new UserService(dataSource);
  const auth = new AuthService(dataSource, config, users);
  // Asked before the password is typed: an unknown address is said at once.
  const user = await users.findByEmail(email);
  if (!user) throw unknownUser(email.trim().toLowerCase());

  const typed = !values.generate && process.stdin.isTTY === true;
  let password: string;
  if (typed) {
    say(`Пользователь: ${user.fullName} <${user.email}>, ${userRoleLabels[user.role]}.`);
    password = await askNewPassword();
  } else {
    password = generatePassword();
  }
  const reset = await auth.resetPassword(email, password, { activate: values.activate });

  say(`Пароль пользователя ${reset.email} (${userRoleLabels[reset.role]}) изменён.`);
  if (!typed) say(`  Новый пароль (показан один раз, сохраните его): ${password}`);
  if (reset.failuresCleared > 0) {
    say(`  Неудачные попытки входа (${reset.failuresCleared}) больше не учитываются: блокировка снята.`);
  }
  if (reset.sessionsEnded > 0)
    say(`  Завершено открытых сеансов: ${reset.sessionsEnded} — войти нужно заново.`);
  if (reset.activated) say('  Учётная запись включена («Активен»).');
  if (!reset.active) {
    say(
      '  Учётная запись отключена: войти нельзя, пока её не включат («Активен» в разделе «Пользователи») ' +
        `или не повторят команду с --activate: npm run user:password -- ${reset.email} --activate`,
    );
  }
});

/** Asked twice, without echo; three chances to type an acceptable password the same way twice. */
async function askNewPassword(): Promise<string> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const password = await askHidden(`Новый пароль (не короче ${MIN_PASSWORD_LENGTH} символов): `);
    try {
      assertAcceptablePassword(password);
    } catch (error) {
      if (!(error instanceof InvalidPasswordError)) throw error;
      say(error.message);
      continue;
    }
    if ((await askHidden('Повторите пароль: ')) === password) return password;
    say('Пароли не совпадают.');
  }
  throw new ScriptError('Пароль не задан. Ничего не изменено.');
}

function askHidden(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  // readline echoes what is typed to its output: give it one that shows nothing.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const input = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise<string>((resolve, reject) => {
    input.once('line', (line) => {
      process.stdout.write('\n');
      resolve(line);
    });
    input.once('SIGINT', () => {
      process.stdout.write('\n');
      reject(new ScriptError('Отменено. Ничего не изменено.'));
    });
    input.once('close', () => reject(new ScriptError('Ввод закончился. Ничего не изменено.')));
  }).finally(() => input.close());
}
