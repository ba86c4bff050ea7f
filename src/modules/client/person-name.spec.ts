import { describe, expect, it } from '@jest/globals';

import { splitPersonName } from './person-name.js';

/** [Фамилия, Имя, Отчество] as the split gives them. */
const parts = (text: string | null) => {
  const name = splitPersonName(text);
  return name && [name.lastName, name.firstName, name.middleName];
};

describe('splitPersonName', () => {
  it.each([
    ['Петров Иван Сергеевич', ['Петров', 'Иван', 'Сергеевич']],
    ['Иванова Мария Петровна', ['Иванова', 'Мария', 'Петровна']],
    ['Кузьмина Анна Ильинична', ['Кузьмина', 'Анна', 'Ильинична']],
    ['Ульянов Владимир Ильич', ['Ульянов', 'Владимир', 'Ильич']],
    ['Оганесян Ашот Робертович', ['Оганесян', 'Ашот', 'Робертович']],
    ['Шостакович Дмитрий Дмитриевич', ['Шостакович', 'Дмитрий', 'Дмитриевич']],
    ['Алиев Рашид Гусейн оглы', ['Алиев', 'Рашид', 'Гусейн оглы']],
    ['Римский-Корсаков Николай Андреевич', ['Римский-Корсаков', 'Николай', 'Андреевич']],
    ['петров иван сергеевич', ['петров', 'иван', 'сергеевич']],
  ])('reads «%s» as «Фамилия Имя Отчество»', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['Иван Сергеевич Петров', ['Петров', 'Иван', 'Сергеевич']],
    ['Мария Петровна Иванова', ['Иванова', 'Мария', 'Петровна']],
    ['Иван Петрович Шостакович', ['Шостакович', 'Иван', 'Петрович']],
  ])('reads «%s» as «Имя Отчество Фамилия»', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['Иван Сергеевич', [null, 'Иван', 'Сергеевич']],
    ['Владимир Ильич', [null, 'Владимир', 'Ильич']],
    ['Ольга Николаевна', [null, 'Ольга', 'Николаевна']],
  ])('reads «%s» as «Имя Отчество»', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['Иван Петров', ['Петров', 'Иван', null]],
    ['Петров Иван', ['Петров', 'Иван', null]],
    ['Марина Калинина', ['Калинина', 'Марина', null]],
    ['Калинина Марина', ['Калинина', 'Марина', null]],
    ['Пётр Сидоров', ['Сидоров', 'Пётр', null]],
    ['Валентин Бабич', ['Бабич', 'Валентин', null]],
    ['Лев Толстой', ['Толстой', 'Лев', null]],
    ['Ашот Оганесян', ['Оганесян', 'Ашот', null]],
    ['Шевченко Тарас', ['Шевченко', 'Тарас', null]],
    ['Ковальчук Оксана', ['Ковальчук', 'Оксана', null]],
    ['Жора Черных', ['Черных', 'Жора', null]],
    ['Анна-Мария Петрова', ['Петрова', 'Анна-Мария', null]],
    ['Салтыков-Щедрин Михаил', ['Салтыков-Щедрин', 'Михаил', null]],
    ['Зайцев Ким', ['Зайцев', 'Ким', null]],
  ])('tells the surname of «%s» by a common first name or a surname ending', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['John Smith', ['Smith', 'John', null]],
    ['Mary-Jane Watson', ['Watson', 'Mary-Jane', null]],
    ['Anna Ivanova', ['Ivanova', 'Anna', null]],
    ['Ivanov Ivan', ['Ivanov', 'Ivan', null]],
    ["Conan O'Brien", ["O'Brien", 'Conan', null]],
    ['Ivanov Ivan Ivanovich', ['Ivanov', 'Ivan', 'Ivanovich']],
  ])('reads Latin «%s»', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['Иван', [null, 'Иван', null]],
    ['Саша', [null, 'Саша', null]],
    ['Лев', [null, 'Лев', null]],
    ['Марина', [null, 'Марина', null]],
    ['Олег', [null, 'Олег', null]],
    ['Иванов', ['Иванов', null, null]],
    ['Соколовская', ['Соколовская', null, null]],
    ['Петрович', [null, 'Петрович', null]],
    ['John', [null, 'John', null]],
  ])('puts one word «%s» in «Фамилия» only when it ends like a surname', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['Иванов И.И.', ['Иванов', 'И.', 'И.']],
    ['Иванов И. И.', ['Иванов', 'И.', 'И.']],
    ['И.И. Иванов', ['Иванов', 'И.', 'И.']],
    ['И.И.Иванов', ['Иванов', 'И.', 'И.']],
    ['Иванов И', ['Иванов', 'И', null]],
    ['Иванов И.', ['Иванов', 'И.', null]],
    ['Иван П.', ['П.', 'Иван', null]],
  ])('reads the initials of «%s»', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['ИП Иванов', ['Иванов', null, null]],
    ['ИП Петров Иван Сергеевич', ['Петров', 'Иван', 'Сергеевич']],
    ['Петров Иван Сергеевич, ИП', ['Петров', 'Иван', 'Сергеевич']],
    ['  Петров \t  Иван\u00a0 Сергеевич  ', ['Петров', 'Иван', 'Сергеевич']],
    ['Петров, Иван', ['Петров', 'Иван', null]],
  ])('drops «ИП», commas and extra spaces in «%s»', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['Жан Бо', 'Жан Бо'],
    ['Петров Иванов', 'Петров Иванов'],
    ['Мария Анна', 'Мария Анна'],
    ['Иванов Иван Иванович Младший', 'Иванов Иван Иванович Младший'],
    ['Анна Мария Смит', 'Анна Мария Смит'],
    ['ООО «Ромашка»', 'ООО «Ромашка»'],
    ['ООО Ромашка', 'ООО Ромашка'],
    ['Иван 2', 'Иван 2'],
    ['г-н Петров', 'г-н Петров'],
    ['Иван   из   бухгалтерии  ', 'Иван из бухгалтерии'],
    ['И. Иванов И.', 'И. Иванов И.'],
  ])('keeps «%s» whole in «Имя» when it does not read as a name', (text, kept) => {
    expect(parts(text)).toEqual([null, kept, null]);
  });

  it.each([null, undefined, '', '   ', 'ИП'])('gives no name for %p', (text) => {
    expect(splitPersonName(text)).toBeNull();
  });

  it('cuts each part to the card’s 100 characters', () => {
    const long = 'Иван '.repeat(30).trim();
    expect(splitPersonName(long)).toEqual({
      lastName: null,
      firstName: long.slice(0, 100).trim(),
      middleName: null,
    });
    expect(splitPersonName(`Иван ${'Щ'.repeat(120)}ов`)?.lastName).toHaveLength(100);
  });
});
