import type { InitialAdministrator } from './modules/user/user.service.js';

export interface StartupFacts {
  publicUrl: string;
  /** Which database, without its password (OpenDatabase.description). */
  database: string;
  /** How mail goes out (describeMailDelivery). */
  mail: string;
  startedInMs: number;
  /** The administrator this start created, if it did. */
  created?: InitialAdministrator;
  /** Otherwise: the administrators there are, active ones first. */
  administrators: { email: string; active: boolean }[];
  /** In a terminal, how to stop is said too. */
  terminal: boolean;
}

const resetCommand = (email: string) => `npm run user:password -- ${email}`;

/**
 * What the person who ran `npm start` needs, printed once the app answers: where it is, on which
 * database, where mail goes, how to log in — and, when the password is lost, how to set a new one.
 */
export function startupSummary(facts: StartupFacts): string[] {
  const seconds = (facts.startedInMs / 1000).toFixed(1).replace('.', ',');
  const lines = [
    '',
    `  Kosino CRM работает (запуск за ${seconds} с)`,
    `    Вход в CRM:            ${facts.publicUrl}/admin`,
    `    Форма обратной связи:  ${facts.publicUrl}/form`,
    `    База данных:           ${facts.database}`,
    `    Почта:                 ${facts.mail}`,
    '',
    ...loginLines(facts),
  ];
  if (facts.terminal) lines.push('', '  Остановить: Ctrl+C');
  lines.push('');
  return lines;
}

function loginLines({ created, administrators }: StartupFacts): string[] {
  if (created?.generatedPassword) {
    return [
      `  Создан администратор: ${created.email}`,
      `  Пароль (показан один раз, сохраните его): ${created.generatedPassword}`,
      `  Потеряли пароль — задайте новый: ${resetCommand(created.email)}`,
    ];
  }
  if (created) {
    return [
      `  Создан администратор: ${created.email} с паролем из ADMIN_PASSWORD`,
      `  Потеряли пароль — задайте новый: ${resetCommand(created.email)}`,
    ];
  }
  const active = administrators.filter((administrator) => administrator.active);
  if (active.length === 0) {
    const email = administrators[0]?.email ?? 'ЭЛ_ПОЧТА';
    return [
      '  Все учётные записи администраторов отключены. Включить и задать пароль:',
      `    ${resetCommand(email)} --activate`,
    ];
  }
  const named = active.slice(0, 3).map((administrator) => administrator.email);
  const login =
    active.length === 1
      ? `  Вход: ${named[0]} — пароль был показан при первом запуске`
      : `  Вход: администраторы ${named.join(', ')}${active.length > 3 ? ' и другие' : ''}`;
  return [
    login,
    `  Потеряли пароль — задайте новый: ${resetCommand(active.length === 1 ? named[0]! : 'ЭЛ_ПОЧТА')}`,
  ];
}
