/** What a test reads off a back-office page (every-page.browser.e2e.ts). */
export interface PageLook {
  /** What the page says (document.body.innerText). */
  text: string;
  /** The page's first h1/h2. */
  heading: string;
  /** The breadcrumbs' items («Главная», «Клиенты», «ИП «АвтоДеталь»»). */
  breadcrumbs: string[];
  /** How far the page scrolls sideways, in pixels. */
  overflow: number;
  /** Header actions whose right edge is beyond the screen. */
  actionsBeyondScreen: string[];
}

/**
 * Latin words a Russian user of this CRM reads as Russian: the product's name, the deal kind
 * «LOI» and the dictionary values of the customer's own document («Дистрибуция / BTS», «HoReCa»,
 * «E‑commerce»), a record's «ID», an «IP-адрес», and the kinds of files people attach.
 */
const LATIN_ALLOWED = new Set(
  ['CRM', 'Kosino', 'LOI', 'BTS', 'HoReCa', 'commerce', 'ID', 'IP'].concat([
    'PDF',
    'Word',
    'Excel',
    'ODT',
    'ODS',
    'CSV',
    'JPEG',
    'PNG',
    'ZIP',
    'eml',
    // What the «Импорт» page says it detected: «Excel (XLSX)», «кодировка Windows-1251», «UTF-8 с BOM».
    'XLSX',
    'Windows',
    'UTF',
    'BOM',
  ]),
);

/** Headings that name nothing: AdminJS's action names, English or translated. */
const NAMELESS_HEADINGS = new Set([
  'Список',
  'Просмотр',
  'Изменить',
  'Создать',
  'List',
  'Show',
  'Edit',
  'New',
]);
const NAMELESS_CRUMBS = new Set(['Список', 'Просмотр', 'List', 'Show']);

/**
 * What is wrong with a page a person sees, in words a failing test can print: English or technical
 * words (camelCase, snake_case, and so leftovers of code: `undefined`, `NaN`, `[object Object]`), ISO dates, a heading that names
 * nothing, sideways scrolling, header actions beyond the screen's edge. Addresses (e-mail, URL) are
 * data, not words, and are not read.
 */
export function pageFaults(look: PageLook): string[] {
  const faults: string[] = [];
  const text = look.text.replace(/\S+@\S+/g, ' ').replace(/\bhttps?:\/\/\S+/g, ' ');
  const latin = [...new Set(text.match(/\b[A-Za-z][A-Za-z_]*[A-Za-z]\b/g) ?? [])].filter(
    (word) => !LATIN_ALLOWED.has(word),
  );
  if (latin.length > 0) faults.push(`латиница: ${latin.slice(0, 8).join(', ')}`);
  const iso = text.match(/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?/g);
  if (iso) faults.push(`ISO-даты: ${[...new Set(iso)].slice(0, 3).join(', ')}`);
  if (!look.heading) faults.push('нет заголовка');
  if (NAMELESS_HEADINGS.has(look.heading)) faults.push(`заголовок «${look.heading}»`);
  // «… / ИП «АвтоДеталь» / Изменить» names an action of a named record; «Просмотр» names nothing.
  const nameless = look.breadcrumbs.filter((item) => NAMELESS_CRUMBS.has(item));
  if (nameless.length > 0) faults.push(`в навигационной цепочке «${nameless.join('», «')}»`);
  if (look.overflow > 0) faults.push(`прокрутка вбок на ${look.overflow} px`);
  if (look.actionsBeyondScreen.length > 0) {
    faults.push(`кнопки за краем экрана: ${look.actionsBeyondScreen.join(', ')}`);
  }
  return faults;
}
