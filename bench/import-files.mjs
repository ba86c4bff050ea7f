// Bitrix24-like export files of any size for `npm run bench:import`: companies (Windows-1251, «;»,
// as Bitrix24 writes CSV) and leads (UTF-8 with BOM). Names are made of random syllables so that
// the duplicate search meets varied names; INNs carry valid check digits, phones
// and e-mails are unique.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import iconv from 'iconv-lite';

// Consonant + vowel: 152 syllables. With 16 two-letter ones, 44 % of 100 000 companies were «similar»
// to an earlier name (pg_trgm ≥ 0.55) and the similar-name search met a far smaller trigram
// vocabulary than any real customer base has.
const SYLLABLES = [...'бвгджзклмнпрстфхцчш'].flatMap((consonant) =>
  [...'аеиоуыяю'].map((vowel) => consonant + vowel),
);
// Words real company names share: two names in five end with one of them.
const COMMON_WORDS = [
  'Строй',
  'Транс',
  'Логистик',
  'Инвест',
  'Торг',
  'Снаб',
  'Сервис',
  'Групп',
  'Трейд',
  'Пром',
  'Склад',
  'Терминал',
  'Импорт',
  'Экспорт',
  'Маркет',
  'Холдинг',
  'Техно',
  'Агро',
  'Металл',
  'Пласт',
  'Упак',
  'Фуд',
  'Авто',
  'Мебель',
];
const FORMS = ['ООО', 'АО', 'ООО', 'ЗАО', 'ООО'];
const STAGES = ['Не обработан', 'В работе', 'Обработан', 'Качественный лид', 'Некачественный лид'];
const PEOPLE = ['Мария Ковалёва', 'Олег Смирнов', 'Ирина Белова'];

/** A deterministic pseudo-random sequence (the same file every run). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function word(next, syllables) {
  let text = '';
  for (let index = 0; index < syllables; index += 1) text += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return text[0].toUpperCase() + text.slice(1);
}

/** A legal entity's 10-digit INN with its check digit. */
function legalInn(number) {
  const digits = String(1_000_000_00 + number)
    .padStart(9, '0')
    .slice(-9)
    .split('')
    .map(Number);
  digits[0] = digits[0] || 7;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const control = (digits.reduce((sum, digit, index) => sum + digit * weights[index], 0) % 11) % 10;
  return digits.join('') + control;
}

const quoted = (cells, delimiter) =>
  cells.map((cell) => `"${String(cell).replaceAll('"', '""')}"`).join(delimiter);

async function writeRows(file, encoding, delimiter, header, rows, count) {
  const out = createWriteStream(file);
  const encode = (text) => (encoding === 'windows-1251' ? iconv.encode(text, 'win1251') : Buffer.from(text));
  if (encoding === 'utf-8-bom') out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  out.write(encode(quoted(header, delimiter) + '\r\n'));
  for (let index = 0; index < count; index += 1) {
    if (!out.write(encode(quoted(rows(index), delimiter) + '\r\n'))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export const COMPANY_HEADER = [
  'ID',
  'Название компании',
  'ИНН',
  'Рабочий телефон',
  'Рабочий e-mail',
  'Адрес',
  'Ответственный',
  'Дата создания',
  'Комментарий',
];
export const LEAD_HEADER = [
  'ID',
  'Название лида',
  'Имя',
  'Фамилия',
  'Рабочий телефон',
  'Рабочий e-mail',
  'Стадия',
  'Источник',
  'Ответственный',
  'Дата создания',
  'Название компании',
  'Комментарий',
];

/** `count` companies, Bitrix24 IDs from 1. */
export async function writeCompanies(file, count) {
  const next = random(19);
  await writeRows(
    file,
    'windows-1251',
    ';',
    COMPANY_HEADER,
    (index) => {
      const second =
        next() < 0.4
          ? COMMON_WORDS[Math.floor(next() * COMMON_WORDS.length)]
          : word(next, 2 + Math.floor(next() * 2));
      const name = `${FORMS[index % FORMS.length]} «${word(next, 2 + Math.floor(next() * 3))} ${second}»`;
      return [
        String(index + 1),
        name,
        legalInn(index + 1),
        `+7 (495) ${String(1_000_000 + index)
          .slice(-7)
          .replace(/(\d{3})(\d{2})(\d{2})/, '$1-$2-$3')}`,
        `office${index + 1}@company${index + 1}.ru`,
        `Москва, ул. ${word(next, 3)}ская, ${1 + (index % 120)}`,
        PEOPLE[index % PEOPLE.length],
        `${String(1 + (index % 28)).padStart(2, '0')}.0${1 + (index % 9)}.2025 10:00:00`,
        index % 10 === 0 ? 'Ключевой клиент;\r\nзвонить до 12:00' : '',
      ];
    },
    count,
  );
}

/** `count` leads, Bitrix24 IDs from 1. */
export async function writeLeads(file, count) {
  const next = random(23);
  await writeRows(
    file,
    'utf-8-bom',
    ',',
    LEAD_HEADER,
    (index) => [
      String(index + 1),
      `Аренда склада ${100 + (index % 4000)} кв. м`,
      word(next, 2),
      word(next, 3),
      `+7 916 ${String(1_000_000 + index)
        .slice(-7)
        .replace(/(\d{3})(\d{2})(\d{2})/, '$1-$2-$3')}`,
      `lead${index + 1}@mail${index % 97}.ru`,
      STAGES[index % STAGES.length],
      'Звонок',
      PEOPLE[index % PEOPLE.length],
      `${String(1 + (index % 28)).padStart(2, '0')}.0${1 + (index % 9)}.2025 09:30:00`,
      index % 3 === 0 ? `ООО «${word(next, 3)}»` : '',
      index % 7 === 0 ? 'Перезвонить в понедельник' : '',
    ],
    count,
  );
}
