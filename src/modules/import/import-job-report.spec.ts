import { describe, expect, it } from '@jest/globals';

import { addToReport, emptyReport, ledgerLine, outcomeText } from './import-job-report.js';
import { REPORTED_LINES, type DuplicateLink } from './import-run-contract.js';

const alpha: DuplicateLink = { entity: 'client', id: 12, name: 'Альфа', why: 'тот же ИНН' };

describe('import report', () => {
  it('counts every line and lists only the first refusals and duplicates', () => {
    const report = emptyReport();
    for (let line = 2; line < REPORTED_LINES + 12; line += 1) {
      addToReport(report, line, { result: 'refused', reason: 'Неверный ИНН' });
      addToReport(report, line, { result: 'skipped', entity: 'client', id: 12, duplicates: [alpha] });
    }
    addToReport(report, 100, { result: 'created', entity: 'lead', id: 1, duplicates: [] });

    expect(report).toMatchObject({ created: 1, skipped: REPORTED_LINES + 10, refused: REPORTED_LINES + 10 });
    expect(report.errors).toHaveLength(REPORTED_LINES);
    expect(report.errors[0]).toEqual({ line: 2, text: 'Неверный ИНН', duplicates: [] });
    expect(report.duplicates).toHaveLength(REPORTED_LINES);
    expect(report.duplicates[0].text).toBe('Пропущена как дубль: №12 «Альфа» — тот же ИНН');
  });

  it('says what a line came to in words', () => {
    expect(outcomeText({ result: 'created', entity: 'lead', id: 1, duplicates: [] })).toBeNull();
    expect(outcomeText({ result: 'created', entity: 'client', id: 3, duplicates: [alpha] })).toBe(
      'Создана, хотя похожа на: №12 «Альфа» — тот же ИНН',
    );
    expect(
      outcomeText({
        result: 'updated',
        entity: 'client',
        id: 12,
        fields: ['Телефон', 'Адрес'],
        duplicates: [alpha],
      }),
    ).toBe('Дополнена найденная запись (Телефон, Адрес): №12 «Альфа» — тот же ИНН');
    expect(outcomeText({ result: 'skipped', entity: 'lead', id: 4, duplicates: [] })).toBe(
      'Пропущена: эта запись уже импортирована',
    );
  });

  it('keeps the cells of a refused line only', () => {
    expect(ledgerLine(5, { result: 'refused', reason: 'Нет телефона' }, ['a', 'b'])).toMatchObject({
      result: 'refused',
      recordId: null,
      cells: ['a', 'b'],
    });
    expect(ledgerLine(6, { result: 'created', entity: 'lead', id: 9, duplicates: [] }, ['a'])).toMatchObject({
      result: 'created',
      entity: 'lead',
      recordId: 9,
      cells: null,
      duplicates: null,
    });
  });
});
