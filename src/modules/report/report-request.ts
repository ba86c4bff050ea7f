import { DomainError } from '../../common/domain-error.js';
import { calendarDate, DATE_FORMAT_ERROR, moscowToday } from '../../common/moscow-date.js';
import { toId } from '../../common/input-values.js';
import type { SessionUser } from '../auth/auth.service.js';
import { reportKinds, type ReportKind } from './entities/report.entity.js';
import { daysInPeriod, yearPeriod } from './report-periods.js';
import type { ReportKey } from './report-key.js';
import { assertMayOrder, assertMayOrderReports, reportPeriodRules } from './report-transitions.js';

const { committeeMaxDays, firstYear } = reportPeriodRules;

/**
 * «Сформировать отчёт»: what a person asked for, checked field by field with Russian messages,
 * and whether they may ask for it (report-transitions.ts: administrators — anything; managers —
 * their department's committee report; committee members read the archive but do not order).
 */
export function parseReportRequest(
  input: Record<string, unknown>,
  actor: SessionUser,
  now = new Date(),
): ReportKey {
  assertMayOrderReports(actor);
  const errors: Record<string, string> = {};
  const kind = reportKinds.find((candidate) => candidate === input.kind) as ReportKind | undefined;
  if (!kind) errors.kind = 'Выберите вид отчёта';
  const today = moscowToday(now);

  if (kind === 'annual') {
    const year = Number(input.year);
    const thisYear = Number(today.slice(0, 4));
    if (!Number.isInteger(year) || year < firstYear || year > thisYear) {
      errors.year = `Укажите год от ${firstYear} до ${thisYear}`;
    }
    assertMayOrder(actor, { kind, departmentId: null });
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
    else if (daysInPeriod({ start, end }) > committeeMaxDays)
      errors.periodEnd = `Период не длиннее ${committeeMaxDays} дней; за год есть годовая статистика`;
  }
  refuse(errors);
  assertMayOrder(actor, { kind: 'committee', departmentId: departmentId! });
  return { kind: 'committee', departmentId: departmentId!, period: { start: start!, end: end! } };
}

function refuse(errors: Record<string, string>): void {
  if (Object.keys(errors).length > 0) {
    throw new DomainError('report.request_invalid', 'Проверьте параметры отчёта', { fields: errors });
  }
}
