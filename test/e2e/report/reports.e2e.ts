import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ReportService } from '../../../src/modules/report/report.service.js';
import { renderInWorker } from '../../../src/modules/report/documents/pdf-renderer.js';
import type { SessionUser } from '../../../src/modules/auth/auth.service.js';
import { pdfPages, pdfText } from '../../helpers/pdf-text.js';
import { seedReportFixture, WEEK, type ReportFixture } from '../../helpers/report-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

const GENERATED = new Date('2026-11-27T07:00:00Z');
const admin: SessionUser = {
  id: 0,
  email: 'admin@kosino.test',
  title: 'Админ',
  role: 'admin',
  departmentId: null,
};

describe('the reports, as a committee reads them (pdftotext of the real PDF)', () => {
  let testApp: TestApp;
  let fixture: ReportFixture;
  let reports: ReportService;
  let committeeText: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    reports = testApp.app.get(ReportService);
    const [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Производственно-складской сектор'`,
    )) as { id: number }[];
    const manager = await createUser(testApp.app, 'manager', { fullName: 'Мария Тестова', departmentId });
    fixture = await seedReportFixture(testApp.dataSource, manager.id);
    const id = await reports.ensure(
      { kind: 'committee', departmentId: fixture.departmentId, period: WEEK },
      { origin: 'demand', deliver: false, now: GENERATED },
    );
    committeeText = await pdfText((await reports.download(id, admin)).content);
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('heads the committee report with its title, department, period and the comparison period', () => {
    expect(committeeText).toContain('Отчёт для оперативного совещания');
    expect(committeeText).toContain('Производственно-складской сектор · период 16.11.2026 — 22.11.2026');
    expect(committeeText).toContain('Сравнение с предыдущим периодом 09.11.2026 — 15.11.2026');
    expect(committeeText).toContain('Сформирован 27.11.2026, 10:00 (время московское)');
    expect(committeeText).toMatch(/Страница 1 из \d/);
  });

  it('counts the new leads by object type against the previous week, and their current status', () => {
    expect(committeeText).toContain('Низкотемпературный производственно-складской комплекс 2 1 +1');
    expect(committeeText).toContain('Многофункциональный мелкооптовый складской комплекс 2 0 +2');
    expect(committeeText).toContain('Всего 4 1 +3');
    expect(committeeText).toMatch(/Новый 1\s*\n/);
    expect(committeeText).toMatch(/Выяснение потребности 1\s*\n/);
    expect(committeeText).toMatch(/Обработан 2\s*\n/);
    // The customs department's lead is not this department's.
    expect(committeeText).not.toContain('Таможня');
  });

  it('gives outcomes, the conversion rate and the reaction and processing times', () => {
    expect(committeeText).toContain('Обработано лидов 2 1 +1');
    expect(committeeText).toContain('Преобразовано в клиента 1 1 без изменений');
    expect(committeeText).toContain('Признано неактивными 1 0 +1');
    expect(committeeText).toContain('Конверсия лидов в клиентов 50 % 100 %');
    // Median and worst of this week, then of the week before (pdftotext may drop the space in «4 ч»).
    expect(committeeText).toMatch(/Время реакции: от поступления до взятия в работу 4 ?ч 1 дн\. 1 ?ч 1 ?ч/);
    expect(committeeText).toContain('Время обработки: от поступления до завершения 2 дн. 2 дн. 2 дн. 2 дн.');
  });

  it('lists the leads still waiting at the period end, oldest first, with how long they waited', () => {
    expect(committeeText).toContain('Лиды, ожидающие взятия в работу на конец периода: 1');
    const waiting = committeeText.slice(
      committeeText.indexOf('Лиды, ожидающие'),
      committeeText.indexOf('Клиенты\n'),
    );
    expect(waiting).toMatch(/ООО «Ждущий»/);
    expect(waiting).toMatch(/18\.11\.2026,/);
    expect(waiting).toMatch(/4 дн\. 9 ч/);
    expect(waiting).not.toMatch(/ООО «Опт»/);
  });

  it('draws the funnel of both pipelines at the period end with the moves into each stage', () => {
    expect(committeeText).toContain('Новые клиенты за период: 1 (было 1, без изменений)');
    expect(committeeText).toContain('Воронка на конец периода: Стандартная воронка');
    expect(committeeText).toContain('Воронка на конец периода: Воронка секторов 1 и 2');
    expect(committeeText).toContain('Согласование условий сотрудничества 1 1 0');
    expect(committeeText).toContain('Направлены условия сотрудничества 1');
    expect(committeeText).toContain('Договор подписан 1 1 0');
    expect(committeeText).toContain('Не активен 1 1 0');
    expect(committeeText).toContain('Активные переговоры 1 1 0');
    expect(committeeText).toContain('Деактивации: 1 (было 0, +1)');
    expect(committeeText).toContain('ООО «Ушедший» 21.11.2026, 10:00 Выбрали другой парк Мария Тестова');
  });

  it('sums the signed deals by kind and by service in Russian money format, with their summaries', () => {
    expect(committeeText).toContain('Подписано сделок: 1 (было 1, без изменений)');
    expect(committeeText).toContain(
      'Сумма подписанных сделок: 4 100 000,00 ₽ (было 1 000 001,00 ₽, +3 099 999,00 ₽)',
    );
    expect(committeeText).toContain('Договор 1 4 100 000,00 ₽ 0 0,00 ₽');
    expect(committeeText).toContain('LOI 0 0,00 ₽ 1 1 000 001,00 ₽');
    expect(committeeText).toMatch(/Низкотемпературный производственно-складской\s+1 3 600 000,00 ₽ 0 0,00 ₽/);
    expect(committeeText).toMatch(/Многофункциональный мелкооптовый складской\s+0 0,00 ₽ 1 1 000 001,00 ₽/);
    expect(committeeText).toContain('Ответственное хранение 1 500 000,00 ₽ 0 0,00 ₽');
    expect(committeeText).toContain('Услуга 3PL «Ответственное хранение», 500 000,00 ₽, 2 года');
    expect(committeeText).toContain('Итого: 1 000 м², 4 100 000,00 ₽, срок 3 года');
    // The ВЭД line of the same deal and the unsigned draft belong elsewhere or nowhere.
    expect(committeeText).not.toContain('Склад временного хранения');
    expect(committeeText).not.toContain('Упаковка');
  });

  it("counts each manager's history events and status changes against the previous week", () => {
    expect(committeeText).toContain('Мария Тестова 2 0 10 3');
  });

  it("counts another department's report from its own records only", async () => {
    const id = await reports.ensure(
      { kind: 'committee', departmentId: fixture.otherDepartmentId, period: WEEK },
      { origin: 'demand', deliver: false, now: GENERATED },
    );
    const text = await pdfText((await reports.download(id, admin)).content);
    expect(text).toContain('Департамент ВЭД · период 16.11.2026 — 22.11.2026');
    expect(text).toContain('Таможня 1 0 +1');
    expect(text).toContain('Склад временного хранения 1 100 000,00 ₽ 0 0,00 ₽');
    expect(text).toContain('Сумма подписанных сделок: 100 000,00 ₽');
  });

  it('builds the annual statistics with a table of contents, the whole park and a part per department', async () => {
    const id = await reports.ensure(
      { kind: 'annual', departmentId: null, period: { start: '2026-01-01', end: '2026-12-31' } },
      { origin: 'demand', deliver: false, now: GENERATED },
    );
    const pdf = (await reports.download(id, admin)).content;
    const text = await pdfText(pdf);
    expect(text).toContain('Годовая статистика по работе с компаниями');
    expect(text).toContain('2026 год · сравнение с 2025 годом');
    expect(text).toMatch(/Содержание\s*\n\s*Все департаменты \d+/);
    expect(text).toMatch(/Производственно-складской сектор \d+/);
    expect(text).toMatch(/Департамент ВЭД \d+/);
    // The whole park: 4 clients added in 2026, 7 leads (6 from the fixture's week and before… all in 2026), 2 signed deals.
    expect(text).toContain('Сумма сделок: 5 200 001,00 ₽ (было 0,00 ₽, +5 200 001,00 ₽)');
    expect(text).toContain('Новые клиенты за год: 4 (было 0, +4)');
    expect(text).toContain('Поступило лидов 6 0 +6');
    expect(text).toContain('Преобразовано в клиентов 2 0 +2');
    expect(text).toContain('Ноябрь 3 0 2 0 5 200 001,00 ₽ 0,00 ₽');
    expect(text).toContain('Производственно-складской сектор 2 5 100 001,00 ₽ 0 0,00 ₽');
    expect(text).toContain('Сектор 1 1 0 +1');
    expect(text).toContain('ООО «Склад»');
    expect(text).toContain('Деактивировано клиентов 1 0 +1');
    expect(await pdfPages(pdf)).toBeGreaterThanOrEqual(4);
  });

  it('builds more reports at once than the pool has connections (4), each on one connection', async () => {
    const weeks = Array.from({ length: 8 }, (_, index) => {
      const start = new Date(Date.UTC(2026, 8, 7 + 7 * index));
      const end = new Date(start.getTime() + 6 * 86_400_000);
      return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
    });
    const ids = await Promise.all(
      weeks.map((period) =>
        reports.ensure(
          { kind: 'committee', departmentId: fixture.departmentId, period },
          { origin: 'demand', deliver: false, now: GENERATED },
        ),
      ),
    );
    expect(new Set(ids).size).toBe(8);
  }, 180_000);

  it("compares the dashboard's week so far with the same days of the week before", async () => {
    // Wednesday 18.11: Monday–Wednesday against Monday–Wednesday 09–11.11.
    const week = await reports.currentWeek(fixture.departmentId, new Date('2026-11-18T12:00:00Z'));
    expect(week.period).toEqual({ start: '2026-11-16', end: '2026-11-18' });
    expect(week.previousPeriod).toEqual({ start: '2026-11-09', end: '2026-11-11' });
    expect(week.figures.leadsReceived).toEqual({ current: 3, previous: 1 });
    // The lead processed on Thursday 12.11 and the LOI signed that day are outside 09–11.11.
    expect(week.figures.leadsProcessed).toEqual({ current: 1, previous: 0 });
    expect(week.figures.dealsSigned).toEqual({ current: 1, previous: 0 });
  });

  it('stops a render that takes too long', async () => {
    const data = (await import('../../../src/modules/report/repositories/committee-data.js'))
      .loadCommitteeData;
    const report = await data(testApp.dataSource.manager, fixture.departmentId, WEEK, GENERATED);
    await expect(renderInWorker({ kind: 'committee', data: report }, 1)).rejects.toThrow(
      'Построение PDF не уложилось в 0.001 с',
    );
  });
});
