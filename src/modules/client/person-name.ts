import { firstNames } from './first-names.js';

/** A contact person's «Фамилия», «Имя», «Отчество» on a client card. */
export interface PersonName {
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
}

/** The card's limit for each part (client-input.ts); the lead keeps the full text. */
const PART_LIMIT = 100;

/**
 * A lead's «Имя» (free text from a visitor or a manager) as the contact person's «Фамилия»,
 * «Имя», «Отчество» of the card made from it; null when it holds no name at all.
 *
 * - Spaces are collapsed and commas dropped; a word «ИП» (individual entrepreneur) is dropped.
 * - Three words: a patronymic (-ович, -евич, -овна, -евна, -ична, «Ильич», «Кузьмич»…; with
 *   «оглы»/«кызы» the two words are one patronymic) at the end reads «Фамилия Имя Отчество», in
 *   the middle «Имя Отчество Фамилия».
 * - Two words: a patronymic second reads «Имя Отчество». Otherwise a common first name
 *   (first-names.ts), or a surname ending on the other word (-ов, -ев, -ин, -ын, -ский, -цкий,
 *   -ова, -ина, -ская, -енко, -ук, -ян, -дзе, -швили, -ых…, also in Latin letters), says which word
 *   is the surname, in either order. Two Latin words with no such sign read «First Last».
 * - One word: the surname when it ends like one and is not a common first name, else the first name.
 * - Initials: one word with one or two initials, before or after it, is the surname and the
 *   initials its first name and patronymic («Иванов И.И.», «И. И. Иванов»); a common first name
 *   followed by one initial is «Имя Ф.» («Иван П.»).
 * - Anything else (no sign either way, four words, digits, quotes, a company's legal form) goes
 *   whole, as typed, to «Имя», as the conversion always did: a wrong «Фамилия» would mislead, an
 *   unsplit «Имя» is plain to see and the manager fixes it on the card.
 * Words keep the case they were typed in.
 */
export function splitPersonName(text: string | null | undefined): PersonName | null {
  const whole = (text ?? '').replace(/\s+/g, ' ').trim();
  if (whole === '') return null;
  const words = mergePatronymicParticles(
    whole
      .replace(/,/g, ' ')
      // «И.И.Иванов» → «И. И. Иванов»: glued initials are words of their own.
      .replace(/(?<=^|[\s.])(\p{L})\.(?=\p{L})/gu, '$1. ')
      .split(' ')
      .filter((word) => word !== '' && word.toLowerCase() !== 'ип'),
  );
  if (words.length === 0) return null;
  const asTyped = (): PersonName => part(null, whole, null);
  if (!words.every((word) => isInitial(word) || isNameWord(word))) return asTyped();

  const initials = words.filter(isInitial);
  if (initials.length > 0) return withInitials(words, initials) ?? asTyped();

  if (words.length === 1) {
    const [word] = words;
    return isSurname(word) ? part(word, null, null) : part(null, word, null);
  }
  if (words.length === 2) {
    const [a, b] = words;
    if (isPatronymic(b) && !isPatronymic(a)) return part(null, a, b);
    const firstThenLast = isFirstName(a) || isSurname(b);
    const lastThenFirst = isFirstName(b) || isSurname(a);
    if (firstThenLast && !lastThenFirst) return part(b, a, null);
    if (lastThenFirst && !firstThenLast) return part(a, b, null);
    if (!firstThenLast && !lastThenFirst && isLatin(a) && isLatin(b)) return part(b, a, null);
    return asTyped();
  }
  if (words.length === 3) {
    const [a, b, c] = words;
    if (isPatronymic(c) && !isPatronymic(b)) return part(a, b, c);
    if (isPatronymic(b) && (!isPatronymic(c) || isFirstName(a))) return part(c, a, b);
  }
  return asTyped();
}

function part(lastName: string | null, firstName: string | null, middleName: string | null): PersonName {
  const cut = (value: string | null) => (value === null ? null : value.slice(0, PART_LIMIT).trim());
  return { lastName: cut(lastName), firstName: cut(firstName), middleName: cut(middleName) };
}

/** One word and its initials, or null when the initials do not read as a name. */
function withInitials(words: string[], initials: string[]): PersonName | null {
  const others = words.filter((word) => !isInitial(word));
  if (others.length !== 1 || initials.length > 2) return null;
  const [word] = others;
  const at = words.indexOf(word);
  // The initials stand together, before or after the word: «И. Иванов И.» is not a name.
  if (at !== 0 && at !== words.length - 1) return null;
  if (initials.length === 1 && at === 0 && isFirstName(word)) return part(initials[0], word, null);
  return part(word, initials[0], initials[1] ?? null);
}

/** «Гусейн оглы»: the particle belongs to the patronymic before it. */
function mergePatronymicParticles(words: string[]): string[] {
  const merged: string[] = [];
  for (const word of words) {
    if (merged.length > 0 && /^(оглы|кызы|улы|уулу)$/i.test(word)) merged.push(`${merged.pop()} ${word}`);
    else merged.push(word);
  }
  return merged;
}

const key = (word: string) => word.toLowerCase().replace(/ё/g, 'е');

/** Letters, with hyphens between parts of two letters or more («Римский-Корсаков», «Жан-Поль») and apostrophes («О'Нил»). */
const isNameWord = (word: string) =>
  /^\p{L}[\p{L}'’]*(-\p{L}[\p{L}'’]+)*( (оглы|кызы|улы|уулу))?$/iu.test(word) && !legalForms.has(key(word));

/** «И.», or a lone capital letter («Иванов И»). */
const isInitial = (word: string) => /^\p{L}\.$/u.test(word) || /^\p{Lu}$/u.test(word);

const isLatin = (word: string) => /^[a-z'’-]+$/i.test(word);

const legalForms = new Set(['ооо', 'оао', 'зао', 'пао', 'ао', 'нко', 'гк', 'llc', 'ltd', 'inc', 'gmbh']);

/** A hyphenated first name counts when each of its parts is one («Анна-Мария»). */
const isFirstName = (word: string) =>
  key(word)
    .split('-')
    .every((piece) => firstNames.has(piece));

const SHORT_PATRONYMICS = new Set(['ильич', 'кузьмич', 'лукич', 'фомич', 'никитич', 'саввич', 'фокич']);

function isPatronymic(word: string): boolean {
  const lower = key(word);
  return (
    /\s(оглы|кызы|улы|уулу)$/.test(lower) ||
    SHORT_PATRONYMICS.has(lower) ||
    /^\p{L}{2,}(ович|евич|овна|евна|ична)$/u.test(lower) ||
    /^[a-z]{2,}(ovich|evich|ovna|evna|ichna)$/.test(lower)
  );
}

const SURNAME_ENDINGS = [
  ...['ов', 'ев', 'ин', 'ын', 'ова', 'ева', 'ина', 'ына', 'ский', 'цкий', 'ской', 'цкой', 'ская'],
  ...['цкая', 'енко', 'ук', 'юк', 'ян', 'янц', 'дзе', 'швили', 'ых', 'их'],
  ...['ov', 'ev', 'ova', 'eva', 'sky', 'skiy', 'skii', 'skaya', 'enko', 'yan', 'dze', 'shvili'],
];

/**
 * Ends like a surname (the ending and at least two letters before it, so «Лев» and «Ева» do not)
 * and is not a common first name; a hyphenated word by its last part («Салтыков-Щедрин»).
 */
function isSurname(word: string): boolean {
  if (isFirstName(word)) return false;
  const last = key(word).split('-').at(-1)!;
  return SURNAME_ENDINGS.some((ending) => last.length >= ending.length + 2 && last.endsWith(ending));
}
