import { describe, expect, it } from '@jest/globals';

import type { ImportKind } from './import-contract.js';
import { checkMapping, guessKind, IMPORT_FIELDS, mapRow, suggestMapping } from './import-mapping.js';

const bitrixLeadHeaders = [
  'ID',
  'Название лида',
  'Обращение',
  'Имя',
  'Отчество',
  'Фамилия',
  'Рабочий телефон',
  'Мобильный телефон',
  'Рабочий e-mail',
  'Частный e-mail',
  'Стадия',
  'Источник',
  'Ответственный',
  'Дата создания',
  'Название компании',
  'Должность',
  'Комментарий',
];

describe('IMPORT_FIELDS', () => {
  it('has exactly the keys of the contract, each with a Russian label', () => {
    expect(
      Object.fromEntries(
        Object.entries(IMPORT_FIELDS).map(([kind, fields]) => [kind, fields.map((f) => f.key)]),
      ),
    ).toEqual({
      lead: [
        'bitrixId',
        'title',
        'lastName',
        'firstName',
        'middleName',
        'company',
        'phone',
        'email',
        'status',
        'source',
        'responsible',
        'createdAt',
        'comment',
      ],
      company: [
        'bitrixId',
        'companyName',
        'inn',
        'phone',
        'email',
        'address',
        'responsible',
        'createdAt',
        'comment',
      ],
      contact: [
        'bitrixId',
        'lastName',
        'firstName',
        'middleName',
        'position',
        'phone',
        'email',
        'companyName',
        'companyBitrixId',
        'responsible',
        'createdAt',
        'comment',
      ],
      deal: [
        'bitrixId',
        'title',
        'stage',
        'amount',
        'currency',
        'companyName',
        'companyBitrixId',
        'contact',
        'responsible',
        'createdAt',
        'closeDate',
        'comment',
      ],
    });
    for (const fields of Object.values(IMPORT_FIELDS)) {
      for (const field of fields) expect(field.label).toMatch(/^[А-ЯЁA-Z][^a-z]*$|^E-mail$|^ID /);
    }
  });

  it('maps the values of stages, sources and responsible users only', () => {
    const mapped = (kind: ImportKind) => IMPORT_FIELDS[kind].filter((f) => f.mapsValues).map((f) => f.key);
    expect(mapped('lead')).toEqual(['status', 'source', 'responsible']);
    expect(mapped('deal')).toEqual(['stage', 'responsible']);
    expect(mapped('company')).toEqual(['responsible']);
  });
});

describe('guessKind', () => {
  it.each([
    [bitrixLeadHeaders, 'lead'],
    [['ID', 'Название сделки', 'Стадия сделки', 'Сумма', 'Компания'], 'deal'],
    [['ID', 'Стадия сделки', 'Сумма'], 'deal'],
    [['\uFEFFID', 'Название компании', 'ИНН', 'Рабочий телефон'], 'company'],
    [['ID', 'Имя', 'Фамилия', 'Компания', 'Должность'], 'contact'],
    [['ФИО', 'Телефон'], null],
    [['Имя', 'Телефон'], null],
  ] as const)('%j → %s', (headers, kind) => {
    expect(guessKind(headers)).toBe(kind);
  });
});

describe('suggestMapping', () => {
  it('maps a Bitrix24 lead export, every phone and e-mail column to its field', () => {
    expect(suggestMapping('lead', bitrixLeadHeaders)).toEqual([
      'bitrixId',
      'title',
      null,
      'firstName',
      'middleName',
      'lastName',
      'phone',
      'phone',
      'email',
      'email',
      'status',
      'source',
      'responsible',
      'createdAt',
      'company',
      null,
      'comment',
    ]);
  });

  it('takes close variants of the names: case, «ё», spaces, e-mail spellings, phone kinds', () => {
    const headers = [
      '  ИНН ',
      'название КОМПАНИИ',
      'Эл. почта',
      'EMAIL',
      'Домашний телефон',
      'Другой телефон',
      'Тел.',
      'Адрес',
      'Ответственный:',
    ];
    expect(suggestMapping('company', headers)).toEqual([
      'inn',
      'companyName',
      'email',
      'email',
      'phone',
      'phone',
      'phone',
      'address',
      'responsible',
    ]);
  });

  it('gives a single-value field to one column only, preferring Bitrix24’s own name', () => {
    expect(suggestMapping('deal', ['Название', 'Название сделки', 'Стадия сделки', 'Статус'])).toEqual([
      null,
      'title',
      'stage',
      null,
    ]);
    expect(suggestMapping('contact', ['Имя', 'имя'])).toEqual(['firstName', null]);
  });

  it('maps a deal export: amounts, currency, dates, company and contact', () => {
    const headers = [
      'ID',
      'Название сделки',
      'Стадия сделки',
      'Сумма',
      'Валюта',
      'Компания',
      'ID компании',
      'Контакт',
      'Ответственный',
      'Дата создания',
      'Предполагаемая дата закрытия',
      'Комментарий',
    ];
    expect(suggestMapping('deal', headers)).toEqual([
      'bitrixId',
      'title',
      'stage',
      'amount',
      'currency',
      'companyName',
      'companyBitrixId',
      'contact',
      'responsible',
      'createdAt',
      'closeDate',
      'comment',
    ]);
  });

  it('leaves unknown columns unmapped', () => {
    expect(suggestMapping('lead', ['Обращение', 'Дата рождения', 'Сайт'])).toEqual([null, null, null]);
  });
});

describe('mapRow', () => {
  it('gathers the non-empty trimmed cells of each field in column order', () => {
    const mapping = ['firstName', 'phone', null, 'phone', 'comment'];
    const row = { line: 7, cells: [' Иван ', '+7 495 000-00-00', 'не импортируется', '  ', ''] };

    expect(mapRow(mapping, row)).toEqual({
      line: 7,
      values: { firstName: ['Иван'], phone: ['+7 495 000-00-00'], comment: [] },
    });
  });

  it('reads a short row as empty cells', () => {
    expect(mapRow(['firstName', 'email'], { line: 2, cells: ['Анна'] }).values).toEqual({
      firstName: ['Анна'],
      email: [],
    });
  });
});

describe('checkMapping', () => {
  it('accepts Bitrix24’s own export mapping', () => {
    expect(() => checkMapping('lead', suggestMapping('lead', bitrixLeadHeaders))).not.toThrow();
  });

  it('refuses a field the kind does not have', () => {
    expect(() => checkMapping('company', ['companyName', 'stage'], ['Компания', 'Стадия'])).toThrow(
      expect.objectContaining({
        code: 'import.mapping_unknown_field',
        message: expect.stringContaining('Колонка «Стадия»'),
      }),
    );
  });

  it('refuses a missing required field, naming it', () => {
    expect(() => checkMapping('company', ['inn', null])).toThrow(
      expect.objectContaining({
        code: 'import.mapping_required_missing',
        message: expect.stringContaining('«Название компании»'),
      }),
    );
  });

  it('refuses a lead without phone and e-mail columns, a contact without a name', () => {
    expect(() => checkMapping('lead', ['title', 'firstName'])).toThrow(
      expect.objectContaining({ code: 'import.mapping_required_missing' }),
    );
    expect(() => checkMapping('contact', ['phone'])).toThrow('«Фамилия» или «Имя»');
  });

  it('refuses a single-value field twice, but not phones twice', () => {
    expect(() => checkMapping('deal', ['title', 'title', 'companyName'])).toThrow(
      expect.objectContaining({ code: 'import.mapping_field_twice' }),
    );
    expect(() => checkMapping('lead', ['phone', 'phone', 'email', 'comment', 'comment'])).not.toThrow();
  });
});
