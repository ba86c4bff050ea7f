import { describe, expect, it } from '@jest/globals';

import { DomainError } from '../../common/domain-error.js';
import { parseReportRequest } from './report-request.js';
import {
  assertMayOrder,
  buildStateOf,
  canReadReport,
  needsBuild,
  orderableKinds,
  reportOrderRoles,
  reportReaderRoles,
} from './report-transitions.js';

const admin = { role: 'admin', departmentId: null } as const;
const manager = { role: 'manager', departmentId: 3 } as const;
const committee = { role: 'committee', departmentId: null } as const;

const refusal = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('report transitions', () => {
  it('lets administrators and committee members read every report, a manager their committee reports', () => {
    const own = { kind: 'committee', departmentId: 3 } as const;
    const other = { kind: 'committee', departmentId: 4 } as const;
    const annual = { kind: 'annual', departmentId: null } as const;
    expect(
      [admin, committee].every((user) => [own, other, annual].every((r) => canReadReport(user, r))),
    ).toBe(true);
    expect([own, other, annual].map((report) => canReadReport(manager, report))).toEqual([
      true,
      false,
      false,
    ]);
    expect(reportReaderRoles).toEqual(['admin', 'manager', 'committee']);
  });

  it('lets administrators order both kinds, managers the committee report, committee members nothing', () => {
    expect(orderableKinds('admin')).toEqual(['committee', 'annual']);
    expect(orderableKinds('manager')).toEqual(['committee']);
    expect(orderableKinds('committee')).toEqual([]);
    expect(reportOrderRoles).toEqual(['admin', 'manager']);
  });

  it('refuses a manager another department with a code and the field to fix', () => {
    const error = refusal(() => assertMayOrder(manager, { kind: 'committee', departmentId: 4 }));
    expect(error).toMatchObject({
      code: 'report.other_department',
      status: 403,
      fields: { departmentId: 'Выберите свой департамент' },
    });
    expect(() => assertMayOrder(manager, { kind: 'committee', departmentId: 3 })).not.toThrow();
  });

  it('refuses the annual statistics to a manager and any order to a committee member', () => {
    expect(refusal(() => assertMayOrder(manager, { kind: 'annual', departmentId: null })).code).toBe(
      'report.annual_admin_only',
    );
    const error = refusal(() => assertMayOrder(committee, { kind: 'committee', departmentId: 3 }));
    expect(error.code).toBe('report.order_forbidden');
    expect(error.message).toBe('Формировать отчёты могут администраторы и менеджеры');
  });

  it('builds a report without a PDF, and rebuilds one built during its period after a minute', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(buildStateOf({ hasFile: false, generatedAt: null })).toBe('pending');
    expect(needsBuild({ hasFile: false, generatedAt: null, periodEnd: '2026-11-22' }, now)).toBe(true);
    const built = { hasFile: true, periodEnd: '2026-11-29' };
    expect(needsBuild({ ...built, generatedAt: new Date('2026-11-25T11:59:30Z') }, now)).toBe(false);
    expect(needsBuild({ ...built, generatedAt: new Date('2026-11-25T11:58:00Z') }, now)).toBe(true);
    // Built after its period ended: final.
    expect(
      needsBuild(
        { hasFile: true, periodEnd: '2026-11-22', generatedAt: new Date('2026-11-23T05:00:00Z') },
        now,
      ),
    ).toBe(false);
  });

  it('checks the period of a request: a committee report up to 366 days, the annual statistics from 2000', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const long = refusal(() =>
      parseReportRequest(
        { kind: 'committee', departmentId: 3, periodStart: '2025-01-01', periodEnd: '2026-11-01' },
        { ...manager, id: 1, title: 'Менеджер', email: 'm@example.ru' } as never,
        now,
      ),
    );
    expect(long.code).toBe('report.request_invalid');
    expect(Object.keys(long.fields ?? {})).toEqual(['periodEnd']);
    const early = refusal(() =>
      parseReportRequest({ kind: 'annual', year: 1999 }, { ...admin, id: 1 } as never, now),
    );
    expect(early.fields).toEqual({ year: 'Укажите год от 2000 до 2026' });
  });
});
