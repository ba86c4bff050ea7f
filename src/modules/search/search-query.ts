import { normalizePhone } from '../../common/contact-values.js';
import { storableText } from '../../common/input-values.js';

/** The longest query searched: longer text is no phone, e-mail, INN or name anyone types. */
export const SEARCH_MAX_LENGTH = 200;
/** Names and companies are matched by trigrams: shorter text matches almost anything. */
export const SEARCH_MIN_NAME_LENGTH = 3;

export const SEARCH_TOO_LONG = `Слишком длинный запрос: введите не больше ${SEARCH_MAX_LENGTH} символов — телефон, эл. почту, ИНН, номер или название.`;
export const SEARCH_TOO_SHORT =
  'Введите не меньше 3 букв названия или имени, 5 последних цифр телефона или номер записи.';

/** Why a text is not searched: its code and the Russian message shown instead of results. */
export type SearchRefusal = { code: 'search.query_too_long' | 'search.query_too_short'; message: string };
const TOO_LONG: SearchRefusal = { code: 'search.query_too_long', message: SEARCH_TOO_LONG };
const TOO_SHORT: SearchRefusal = { code: 'search.query_too_short', message: SEARCH_TOO_SHORT };

/** What the typed text may be; each present field is one way of matching. */
export interface SearchPlan {
  /** The text as searched: control characters and broken characters dropped, spaces collapsed. */
  text: string;
  /** A whole phone number in E.164 (`+74952302772`): equal. */
  phone?: string;
  /** The last digits of a phone (5–10), when the text is not a whole number. */
  phoneSuffix?: string;
  /** 10 or 12 digits: an INN. */
  inn?: string;
  /** A record number (id). */
  id?: number;
  /** An e-mail address or its beginning, in lower case. */
  emailPrefix?: string;
  /** Text for names and companies (trigram similarity). */
  words?: string;
}

// Control characters and «�» (what a lone surrogate becomes) separate words; nobody searches for them.
const UNSEARCHABLE = /[\p{Cc}\uFFFD]/gu;
const PHONE_LIKE = /^\+?[\d\s().-]+$/;
const RECORD_NUMBER = /^(?:№|n|#)?\s*(\d{1,9})$/i;
const EMAIL_LIKE = /^[a-z0-9._%+-]+(?:@[a-z0-9.-]*)?$/i;
// Trigram matching needs a word of 3 letters or digits: text of punctuation alone («...», «___»)
// has no trigrams, and PostgreSQL would read the whole index for it.
const HAS_WORD = new RegExp(`[\\p{L}\\p{N}]{${SEARCH_MIN_NAME_LENGTH}}`, 'u');

/**
 * Decides what a search box's text looks like: digits (with phone punctuation) are a phone, its
 * last digits, an INN or a record number; text with «@» an e-mail; anything else names and
 * companies — and a single Latin word is tried as the start of an e-mail too.
 */
export function planSearch(raw: unknown): { plan: SearchPlan } | SearchRefusal {
  const input = typeof raw === 'string' ? raw : '';
  if (input.length > SEARCH_MAX_LENGTH * 4) return TOO_LONG;
  const text = storableText(input).replace(UNSEARCHABLE, ' ').replace(/\s+/g, ' ').trim();
  if (text.length > SEARCH_MAX_LENGTH) return TOO_LONG;
  const plan: SearchPlan = { text };

  const number = RECORD_NUMBER.exec(text);
  if (number) plan.id = Number(number[1]);

  const digits = text.replace(/\D/g, '');
  if (PHONE_LIKE.test(text)) {
    // Digits with phone punctuation: a whole phone, its last digits, an INN — never a name.
    if (digits.length >= 5 && digits.length <= 15) {
      const phone = normalizePhone(text);
      if (phone) plan.phone = phone;
      else plan.phoneSuffix = digits.slice(-10);
      if (/^\d{10}$|^\d{12}$/.test(text)) plan.inn = text;
    }
  } else if (text.includes('@')) {
    plan.emailPrefix = text.toLowerCase();
  } else if (!number && text.length >= SEARCH_MIN_NAME_LENGTH && HAS_WORD.test(text)) {
    plan.words = text;
    // A Latin word may be the start of an e-mail address too.
    if (EMAIL_LIKE.test(text)) plan.emailPrefix = text.toLowerCase();
  }

  const searchable = plan.phone ?? plan.phoneSuffix ?? plan.inn ?? plan.id ?? plan.emailPrefix ?? plan.words;
  return searchable === undefined ? TOO_SHORT : { plan };
}

/** Text for a LIKE pattern, with its wildcards and escape character taken literally. */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * How similar (pg_trgm word similarity) a name or company must be to the typed words: one typo
 * spoils up to three of the text's trigrams, so a longer text can ask for more of them — which
 * keeps «Северная рыпа 123457» from matching every «Северная рыба …» — and a short one still
 * forgives a typo («Рамашка» → «Ромашка»).
 */
export function similarityThreshold(words: string): number {
  // pg_trgm pads each word with two spaces before and one after: a word of n characters has n + 1 trigrams.
  const trigrams = (words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).reduce(
    (sum, word) => sum + word.length + 1,
    0,
  );
  const forgiving = trigrams > 0 ? (trigrams - 4) / trigrams : 0;
  return Math.round(Math.min(0.65, Math.max(0.5, forgiving)) * 100) / 100;
}
