import { describe, expect, it } from '@jest/globals';

import { startupSummary, type StartupFacts } from './startup-summary.js';

const facts: StartupFacts = {
  publicUrl: 'http://localhost:3000',
  database: 'PostgreSQL db.kosino.ru:5432/crm (DATABASE_URL)',
  mail: 'SMTP-сервер mail.kosino.ru:587',
  startedInMs: 2345,
  administrators: [],
  terminal: false,
};
const text = (changes: Partial<StartupFacts>) => startupSummary({ ...facts, ...changes }).join('\n');

describe('the start-up summary', () => {
  it('says where the app is, on which database, where mail goes', () => {
    const summary = text({ administrators: [{ email: 'admin@kosino.local', active: true }] });
    expect(summary).toContain('Kosino CRM работает (запуск за 2,3 с)');
    expect(summary).toContain('Вход в CRM:            http://localhost:3000/admin');
    expect(summary).toContain('Форма обратной связи:  http://localhost:3000/form');
    expect(summary).toContain('База данных:           PostgreSQL db.kosino.ru:5432/crm (DATABASE_URL)');
    expect(summary).toContain('Почта:                 SMTP-сервер mail.kosino.ru:587');
    expect(summary).not.toContain('Ctrl+C');
  });

  it('shows a generated password once, with how to set a new one', () => {
    const summary = text({ created: { email: 'admin@kosino.local', generatedPassword: 'x'.repeat(24) } });
    expect(summary).toContain(`Пароль (показан один раз, сохраните его): ${'x'.repeat(24)}`);
    expect(summary).toContain('Потеряли пароль — задайте новый: npm run user:password -- admin@kosino.local');
  });

  it('names the one active administrator on later starts, and the command for a lost password', () => {
    const summary = text({
      administrators: [
        { email: 'chief@kosino.ru', active: true },
        { email: 'former@kosino.ru', active: false },
      ],
    });
    expect(summary).toContain('Вход: chief@kosino.ru — пароль был показан при первом запуске');
    expect(summary).toContain('npm run user:password -- chief@kosino.ru');
    expect(summary).not.toContain('former@kosino.ru');
  });

  it('lists a few of several administrators and leaves the e-mail to fill in', () => {
    const administrators = ['a', 'b', 'c', 'd'].map((name) => ({ email: `${name}@kosino.ru`, active: true }));
    const summary = text({ administrators });
    expect(summary).toContain('Вход: администраторы a@kosino.ru, b@kosino.ru, c@kosino.ru и другие');
    expect(summary).toContain('npm run user:password -- ЭЛ_ПОЧТА');
  });

  it('says how to switch an administrator back on when all are switched off', () => {
    const summary = text({ administrators: [{ email: 'chief@kosino.ru', active: false }] });
    expect(summary).toContain('Все учётные записи администраторов отключены');
    expect(summary).toContain('npm run user:password -- chief@kosino.ru --activate');
  });

  it('says how to stop in a terminal', () => {
    expect(text({ terminal: true })).toContain('Остановить: Ctrl+C');
  });
});
