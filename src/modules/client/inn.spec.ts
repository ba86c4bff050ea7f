import { describe, expect, it } from '@jest/globals';

import { innError, isValidInn } from './inn.js';

describe('ИНН', () => {
  it.each(['7707083893', '500100732259', '7830002293'])('accepts %s', (inn) => {
    expect(isValidInn(inn)).toBe(true);
    expect(innError(inn)).toBeNull();
  });

  it.each([
    ['7707083894', 'Неверный ИНН: не сходятся контрольные цифры'],
    ['500100732258', 'Неверный ИНН: не сходятся контрольные цифры'],
    ['77070838ab', 'ИНН состоит только из цифр'],
    ['77070838931', 'ИНН содержит 10 цифр (организация) или 12 цифр (физическое лицо, ИП)'],
    ['', 'ИНН состоит только из цифр'],
    ['７７０７０８３８９３', 'ИНН состоит только из цифр'],
  ])('refuses %s', (inn, message) => {
    expect(isValidInn(inn)).toBe(false);
    expect(innError(inn)).toBe(message);
  });
});
