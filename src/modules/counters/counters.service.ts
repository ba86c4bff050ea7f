import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { moscowToday } from '../../common/moscow-date.js';
import type { UserRole } from '../user/entities/user.entity.js';
import {
  countEverything,
  countForManager,
  departmentAddresses,
  type DepartmentAddresses,
} from './counters.repository.js';

export interface WorkspaceUser {
  id: number;
  role: UserRole;
  departmentId: number | null;
}

/** A counter and the AdminJS list that shows what it counts. */
export interface Counter {
  count: number;
  link: string;
}

export interface WorkspaceCounters {
  /** Leads past their status's deadline. */
  overdueLeads: Counter;
  /** Clients past their stage's limit. */
  stuckClients: Counter;
  /** «Запланировано на сегодня»: planned history events dated today (Moscow). */
  plannedToday: Counter;
}

const list = (resource: string, filters: Record<string, string | number>) =>
  `/admin/resources/${resource}?` +
  Object.entries(filters)
    .map(([key, value]) => `filters.${key}=${encodeURIComponent(String(value))}`)
    .join('&');

/**
 * The manager's counters (docs/workspace.md «Deadlines, counters and reminders»). A manager counts: overdue leads of
 * their department that nobody took («Новый», unassigned) or that are theirs; their clients past the
 * stage's limit, and the department's clients without a responsible; their events planned for
 * today. An administrator counts everything. Each count is an index lookup (the Deadlines
 * migration's partial indexes).
 */
@Injectable()
export class CountersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async counters(user: WorkspaceUser, now: Date): Promise<WorkspaceCounters | null> {
    const today = moscowToday(now);
    const overdueTo = { 'dueAt~~to': now.toISOString() };
    const stuckTo = { 'stageDueAt~~to': now.toISOString() };
    const plannedFilters = { planned: 'true', 'eventDate~~from': today, 'eventDate~~to': today };
    if (user.role === 'admin') {
      const row = await countEverything(this.dataSource.manager, now, today);
      return {
        overdueLeads: { count: row.leads, link: list('Lead', overdueTo) },
        stuckClients: { count: row.clients, link: list('Client', stuckTo) },
        plannedToday: { count: row.planned, link: list('HistoryEvent', plannedFilters) },
      };
    }
    if (user.role !== 'manager') return null;
    const row = await countForManager(this.dataSource.manager, user, now, today);
    // The lists can filter one way at a time: the department's overdue leads (its unassigned ones
    // and everyone's), the manager's own stuck clients, the manager's planned events.
    const department: Record<string, number> =
      user.departmentId === null ? {} : { departmentId: user.departmentId };
    return {
      overdueLeads: { count: row.leads, link: list('Lead', { ...overdueTo, ...department }) },
      stuckClients: { count: row.clients, link: list('Client', { ...stuckTo, responsibleUserId: user.id }) },
      plannedToday: {
        count: row.planned,
        link: list('HistoryEvent', { ...plannedFilters, userId: user.id }),
      },
    };
  }

  /** Each department with how many addresses of each kind it has (what keeps mail from going). */
  departmentAddresses(): Promise<DepartmentAddresses[]> {
    return departmentAddresses(this.dataSource.manager);
  }
}
