import { describe, expect, it } from '@jest/globals';

import { pageHeading, recordHeading } from './record-heading.js';

describe('page headings', () => {
  it('names a list by its section and a record by what it is and its name', () => {
    const leads = { id: 'Lead', name: 'Лиды' };
    expect(pageHeading(leads, { name: 'list', label: 'Список' }, undefined)).toEqual({ title: 'Лиды' });
    const lead = { id: 2603, params: { company: 'ООО «Фармация»', name: 'Елена' } };
    expect(pageHeading(leads, { name: 'show', label: 'Просмотр' }, lead)).toEqual({
      title: 'Лид №2603 — ООО «Фармация»',
    });
    expect(pageHeading(leads, { name: 'takeIntoWork', label: 'Взять в работу' }, lead)).toEqual({
      title: 'Лид №2603 — ООО «Фармация»',
      subtitle: 'Взять в работу',
    });
    expect(pageHeading(leads, { name: 'new', label: 'Создать' }, undefined)).toEqual({ title: 'Новый лид' });
    expect(
      pageHeading({ id: 'Elsewhere', name: 'Прочее' }, { name: 'new', label: 'Создать' }, undefined),
    ).toEqual({
      title: 'Создать',
      subtitle: 'Прочее',
    });
  });

  it('falls back to what a record has', () => {
    expect(recordHeading('Lead', { id: 7, params: { company: ' ', name: 'Иван' } })).toBe('Лид №7 — Иван');
    expect(recordHeading('Lead', { id: 7, params: {} })).toBe('Лид №7');
    expect(
      recordHeading('Deal', { id: 12, params: {}, populated: { clientId: { title: 'ООО «Склад»' } } }),
    ).toBe('Сделка №12 — ООО «Склад»');
    expect(recordHeading('Client', { id: 3, params: { companyName: 'АО «Вектор»' } })).toBe('АО «Вектор»');
    expect(recordHeading('LeadStatusLimit', { id: 1, title: 'new', params: { status: 'new' } })).toBe(
      'Срок статуса «Новый»',
    );
    expect(recordHeading('Department', { id: 1, title: 'Департамент ВЭД', params: {} })).toBe(
      'Департамент ВЭД',
    );
    expect(recordHeading('Department', { id: 1, params: {} })).toBe('№1');
  });
});
