import { describe, expect, it } from '@jest/globals';

import {
  likeLiteral,
  planSearch,
  SEARCH_TOO_LONG,
  SEARCH_TOO_SHORT,
  similarityThreshold,
} from './search-query.js';

const plan = (text: unknown) => {
  const planned = planSearch(text);
  if ('message' in planned) throw new Error(planned.message);
  return planned.plan;
};

describe('planSearch: what the typed text looks like', () => {
  it('reads a whole phone in any usual format as the same E.164 number', () => {
    for (const typed of ['8 495 230-27-72', '+7 (495) 230-27-72', '84952302772', '8 (495) 230-27-72'])
      expect({ typed, phone: plan(typed).phone }).toEqual({ typed, phone: '+74952302772' });
  });

  it('reads 5 or more digits that are no whole number as the last digits of a phone, and as a record number', () => {
    expect(plan('2302772')).toMatchObject({ phoneSuffix: '2302772', id: 2302772 });
    expect(plan('230-27-72')).toMatchObject({ phoneSuffix: '2302772' });
    expect(plan('230-27-72').id).toBeUndefined();
  });

  it('reads 10 or 12 digits as an INN too', () => {
    expect(plan('7707083893')).toMatchObject({ inn: '7707083893' });
    expect(plan('500100732259')).toMatchObject({ inn: '500100732259' });
    expect(plan('77070838931').inn).toBeUndefined();
  });

  it('reads a short number, with or without «№», as a record number only', () => {
    expect(plan('№ 42')).toEqual({ text: '№ 42', id: 42 });
    expect(plan('42')).toEqual({ text: '42', id: 42 });
  });

  it('reads text with «@» as an e-mail or its start, in lower case', () => {
    expect(plan('Ivanov@Example.RU')).toEqual({
      text: 'Ivanov@Example.RU',
      emailPrefix: 'ivanov@example.ru',
    });
  });

  it('reads a Latin word as a name and as the start of an e-mail, other text as names', () => {
    expect(plan('ivanov')).toMatchObject({ words: 'ivanov', emailPrefix: 'ivanov' });
    expect(plan('  ООО  «Ромашко» ')).toEqual({ text: 'ООО «Ромашко»', words: 'ООО «Ромашко»' });
  });

  it('drops NUL, and reads control characters and broken surrogates as spaces, instead of failing', () => {
    expect(plan('Рома\u0000шка\u0007\uD800ООО')).toMatchObject({ words: 'Ромашка ООО' });
  });

  it('answers too short and too long text with a Russian message', () => {
    for (const typed of ['', '  ', 'ab', '12-3', undefined, ['Ромашка'], '\u0000\u0000\u0000'])
      expect(planSearch(typed)).toEqual({ code: 'search.query_too_short', message: SEARCH_TOO_SHORT });
    expect(planSearch('я'.repeat(201))).toEqual({ code: 'search.query_too_long', message: SEARCH_TOO_LONG });
    expect(planSearch('%'.repeat(10_000))).toEqual({
      code: 'search.query_too_long',
      message: SEARCH_TOO_LONG,
    });
  });

  it('looks names up only when the text has a word of 3 letters or digits (punctuation has no trigrams)', () => {
    expect(planSearch('...')).toEqual({ code: 'search.query_too_short', message: SEARCH_TOO_SHORT });
    expect(planSearch('a b')).toEqual({ code: 'search.query_too_short', message: SEARCH_TOO_SHORT });
    expect(planSearch('ООО')).toEqual({ plan: { text: 'ООО', words: 'ООО' } });
  });

  it('takes LIKE wildcards literally', () => {
    expect(likeLiteral('50%_\\')).toBe('50\\%\\_\\\\');
  });
});

describe('similarityThreshold', () => {
  it('forgives a typo in a short word and asks more of a long text, between 0.5 and 0.65', () => {
    expect(similarityThreshold('Рамашка')).toBe(0.5);
    expect(similarityThreshold('Северная рыпа 123457')).toBe(0.65);
    expect(similarityThreshold('Орлов')).toBe(0.5);
  });
});
