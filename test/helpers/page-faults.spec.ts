import { pageFaults, type PageLook } from './page-faults.js';

const page = (look: Partial<PageLook>): PageLook => ({
  text: 'Лиды\nСоздан 04.12.2026, 19:07 ООО «Ромашка» +7 (495) 230-27-72',
  heading: 'Лиды',
  breadcrumbs: ['Главная', 'Лиды'],
  overflow: 0,
  actionsBeyondScreen: [],
  ...look,
});

describe('pageFaults', () => {
  it('finds nothing on a Russian page that fits', () => {
    expect(pageFaults(page({ text: 'Сделка №12 — LOI, ID 5, ivan@kosino.example, Kosino CRM' }))).toEqual([]);
  });

  it('names English and technical words, ISO dates and leftovers of code', () => {
    expect(pageFaults(page({ text: 'Select... statusHistory contacts_phone' }))).toEqual([
      'латиница: Select, statusHistory, contacts_phone',
    ]);
    expect(pageFaults(page({ text: 'Создан 2026-12-04 19:07' }))).toEqual(['ISO-даты: 2026-12-04 19:07']);
    expect(pageFaults(page({ text: 'Сумма NaN ₽, [object Object]' }))).toEqual([
      'латиница: NaN, object, Object',
    ]);
  });

  it('names a heading that names nothing, sideways scrolling and buttons beyond the edge', () => {
    expect(pageFaults(page({ heading: 'Просмотр' }))).toEqual(['заголовок «Просмотр»']);
    expect(pageFaults(page({ heading: '' }))).toEqual(['нет заголовка']);
    expect(pageFaults(page({ breadcrumbs: ['Главная', 'Клиенты', 'Просмотр'] }))).toEqual([
      'в навигационной цепочке «Просмотр»',
    ]);
    expect(pageFaults(page({ overflow: 40 }))).toEqual(['прокрутка вбок на 40 px']);
    expect(pageFaults(page({ actionsBeyondScreen: ['Деактивировать'] }))).toEqual([
      'кнопки за краем экрана: Деактивировать',
    ]);
  });
});
