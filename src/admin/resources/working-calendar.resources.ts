import { LeadStatusLimit } from '../../modules/deadline/entities/lead-status-limit.entity.js';
import { WorkingCalendarDay } from '../../modules/deadline/entities/working-calendar-day.entity.js';
import { WorkingHours } from '../../modules/deadline/entities/working-hours.entity.js';
import { leadStatusLabels } from '../../modules/lead/lead-transitions.js';
import { administratorOnlyActions, allow } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/**
 * The deadlines' dictionaries: plain data, kept by administrators like every dictionary (managers
 * see their effect as «Срок» on leads and clients). Any change
 * asks for the deadlines of open leads and clients to be recomputed (a statement trigger; DeadlineService within a minute).
 */
const timestamps = { createdAt: { label: 'Создано' }, updatedAt: { label: 'Изменено' } };
const recomputed = 'Сроки открытых лидов и клиентов пересчитываются в течение минуты после сохранения.';

export const workingCalendarDayResource = defineResource({
  entity: WorkingCalendarDay,
  label: 'Производственный календарь',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'day', direction: 'asc' },
    listProperties: ['day', 'kind', 'name'],
    showProperties: ['day', 'kind', 'name', 'createdAt', 'updatedAt'],
    editProperties: ['day', 'kind', 'name'],
    filterProperties: ['day', 'kind', 'name'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    day: {
      label: 'Дата',
      description: `Исключения из недели «понедельник–пятница»: праздники, переносы, рабочие субботы. ${recomputed}`,
    },
    kind: { label: 'Вид дня', values: { holiday: 'Нерабочий день', workday: 'Рабочий день' } },
    name: { label: 'Название', isTitle: true },
    ...timestamps,
  },
});

export const workingHoursResource = defineResource({
  entity: WorkingHours,
  label: 'Рабочее время',
  options: {
    navigation: navigation.dictionaries,
    listProperties: ['startsAt', 'endsAt'],
    showProperties: ['startsAt', 'endsAt', 'updatedAt'],
    editProperties: ['startsAt', 'endsAt'],
    filterProperties: [],
    actions: {
      ...administratorOnlyActions(),
      // One row: changed, never added or removed.
      new: { isAccessible: () => false },
      delete: { isAccessible: () => false },
      bulkDelete: { isAccessible: () => false },
      edit: { isAccessible: allow('admin') },
    },
  },
  properties: {
    id: { label: 'ID', isVisible: false },
    startsAt: {
      label: 'Начало рабочего дня (Москва)',
      isTitle: true,
      description: `Например, 09:00. ${recomputed}`,
    },
    endsAt: { label: 'Конец рабочего дня (Москва)', description: 'Например, 18:00' },
    ...timestamps,
  },
});

export const leadStatusLimitResource = defineResource({
  entity: LeadStatusLimit,
  label: 'Сроки обработки лидов',
  options: {
    navigation: navigation.dictionaries,
    listProperties: ['status', 'workingHours'],
    showProperties: ['status', 'workingHours', 'createdAt', 'updatedAt'],
    editProperties: ['status', 'workingHours'],
    filterProperties: ['status'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    // Every status is named (the select lists them); the database takes only «Новый» and
    // «Выяснение потребности» and refuses the others with a Russian message.
    status: { label: 'Статус лида', isTitle: true, values: leadStatusLabels },
    workingHours: {
      label: 'Срок, рабочих часов',
      description: `Сколько рабочих часов лид может оставаться в статусе. ${recomputed}`,
    },
    ...timestamps,
  },
});
