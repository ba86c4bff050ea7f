import { DomainError } from '../../common/domain-error.js';
import { calendarDate, DATE_FORMAT_ERROR, moscowToday } from '../../common/moscow-date.js';
import { toId } from '../../common/input-values.js';
import type { SessionUser } from '../auth/auth.service.js';
import { reportKinds, type ReportKind } from './entities/report.entity.js';
import { daysInPeriod, yearPeriod } from './report-periods.js';
import type { ReportKey } from './report-key.js';

/** The longest period a committee report covers on request. */
export const MAX_COMMITTEE_DAYS = 366;
export const FIRST_REPORT_YEAR = 2000;

/**
 * «Сформировать отчёт»: what a person asked for, checked field by field with Russian messages,
 * and whether they may ask for it (administrators: anything; managers: their department's
 * committee report; committee members read the archive but do not order reports).
 */
export function parseReportRequest(
  input: Record<string, unknown>,
  actor: SessionUser,
  now = new Date(),
): ReportKey {
  if (actor.role !== 'admin' && actor.role !== 'manager') {
    throw new DomainError('Формировать отчёты могут администраторы и менеджеры', 403);
  }
  const errors: Record<string, string> = {};
  const kind = reportKinds.find((candidate) => candidate === input.kind) as ReportKind | undefined;
  if (!kind) errors.kind = 'Выберите вид отчёта';
  const today = moscowToday(now);

  if (kind === 'annual') {
    const year = Number(input.year);
    const thisYear = Number(today.slice(0, 4));
    if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > thisYear) {
      errors.year = `Укажите год от ${FIRST_REPORT_YEAR} до ${thisYear}`;
    }
    if (actor.role !== 'admin') {
      throw new DomainError(
        'Годовую статистику формирует администратор; она приходит комитету по расписанию',
        403,
      );
    }
    refuse(errors);
    return { kind, departmentId: null, period: yearPeriod(year) };
  }

  const departmentId = toId(input.departmentId);
  if (departmentId === undefined) errors.departmentId = 'Выберите департамент';
  const start = calendarDate(input.periodStart);
  const end = calendarDate(input.periodEnd);
  if (!start) errors.periodStart = DATE_FORMAT_ERROR;
  if (!end) errors.periodEnd = DATE_FORMAT_ERROR;
  if (start && end) {
    if (end < start) errors.periodEnd = 'Конец периода раньше его начала';
    else if (end > today) errors.periodEnd = 'Конец периода не может быть позже сегодняшнего дня';
    else if (daysInPeriod({ start, end }) > MAX_COMMITTEE_DAYS)
      errors.periodEnd = `Период не длиннее ${MAX_COMMITTEE_DAYS} дней; за год есть годовая статистика`;
  }
  refuse(errors);
  if (actor.role === 'manager' && departmentId !== actor.departmentId) {
    throw new DomainError('Менеджер формирует отчёты только своего департамента', 403, {
      departmentId: 'Выберите свой департамент',
    });
  }
  return { kind: 'committee', departmentId: departmentId!, period: { start: start!, end: end! } };
}

function refuse(errors: Record<string, string>): void {
  if (Object.keys(errors).length > 0) throw new DomainError('Проверьте параметры отчёта', 422, errors);
}
