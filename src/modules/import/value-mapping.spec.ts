import { describe, expect, it } from '@jest/globals';

import { describeOtherRows, suggestValue, ValueTally } from './value-mapping.js';

describe('ValueTally', () => {
  it('counts every distinct stage, source and responsible, most frequent first', () => {
    const tally = new ValueTally('lead');
    const rows: Record<string, string[]>[] = [
      { status: ['Не обработан'], source: ['Звонок'], responsible: ['Мария Ковалёва'] },
      { status: ['не  обработан'], source: ['Веб-сайт'], responsible: ['Мария Ковалева'] },
      { status: ['Ждёт звонка'], source: [], responsible: ['Пётр Иванов'] },
      { status: ['Не обработан'], phone: ['+7 495 000-00-00'] },
    ];
    rows.forEach((values, index) => tally.add({ line: index + 2, values }));

    expect(tally.result()).toEqual([
      {
        field: 'status',
        values: [
          { value: 'Не обработан', rows: 3 },
          { value: 'Ждёт звонка', rows: 1 },
        ],
        otherRows: 0,
      },
      {
        field: 'source',
        values: [
          { value: 'Веб-сайт', rows: 1 },
          { value: 'Звонок', rows: 1 },
        ],
        otherRows: 0,
      },
      {
        field: 'responsible',
        values: [
          { value: 'Мария Ковалёва', rows: 2 },
          { value: 'Пётр Иванов', rows: 1 },
        ],
        otherRows: 0,
      },
    ]);
  });

  it('keeps at most the limit of distinct values and counts the rest', () => {
    const tally = new ValueTally('deal', 3);
    for (let index = 0; index < 10; index += 1) {
      tally.add({ line: index + 2, values: { stage: [`Стадия ${index % 5}`], responsible: [] } });
    }

    const [stage] = tally.result();
    expect(stage.values.map((value) => value.value)).toEqual(['Стадия 0', 'Стадия 1', 'Стадия 2']);
    expect(stage.otherRows).toBe(4);
    expect(describeOtherRows(stage)).toBe('и ещё 4 строки с другими значениями');
  });

  it('says nothing when nothing was left out, and agrees the plural', () => {
    expect(describeOtherRows({ field: 'stage', values: [], otherRows: 0 })).toBeNull();
    expect(describeOtherRows({ field: 'stage', values: [], otherRows: 1 })).toBe(
      'и ещё 1 строка с другими значениями',
    );
    expect(describeOtherRows({ field: 'stage', values: [], otherRows: 1234 })).toBe(
      'и ещё 1\u00a0234 строки с другими значениями',
    );
  });
});

describe('suggestValue', () => {
  it.each([
    ['Не обработан', 'new', null],
    ['В работе', 'qualifying', null],
    ['Обработан', 'qualifying', null],
    ['Качественный лид', 'processed', 'convert'],
    ['Сконвертирован', 'processed', 'convert'],
    ['Некачественный лид', 'processed', 'inactive'],
    ['JUNK', 'processed', 'inactive'],
  ] as const)('maps the lead stage «%s» to %s', (value, status, outcome) => {
    expect(suggestValue('lead', 'status', value)).toEqual({ field: 'status', status, outcome });
  });

  it.each([
    ['Новая', 'draft', 'open'],
    ['Подготовка документов', 'draft', 'open'],
    ['Счёт на предоплату', 'signed', 'won'],
    ['В работе', 'signed', 'won'],
    ['Финальный счёт', 'signed', 'won'],
    ['Сделка успешна', 'closed', 'won'],
    ['Сделка провалена', 'cancelled', 'lost'],
    ['C1:WON', 'closed', 'won'],
  ] as const)('maps the deal stage «%s» to %s', (value, dealStatus, clientStageKind) => {
    expect(suggestValue('deal', 'stage', value)).toEqual({ field: 'stage', dealStatus, clientStageKind });
  });

  it('is null when unsure: an unknown stage, a source, a stage of another kind', () => {
    expect(suggestValue('lead', 'status', 'Ждёт звонка')).toBeNull();
    expect(suggestValue('lead', 'source', 'Звонок')).toBeNull();
    expect(suggestValue('company', 'status', 'Новая')).toBeNull();
  });
});
