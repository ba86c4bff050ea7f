import { describe, expect, it } from '@jest/globals';

import { parseLeadInput } from './lead-input.js';

const complete = {
  name: ' Иван ',
  company: 'ООО «Экор»',
  phone: '8 (495) 230-27-72',
  email: 'ivan@ekor.ru',
  objectTypeId: '3',
  extra: 'Склад 500 м²',
  consent: 'on',
};

describe('parseLeadInput', () => {
  it('normalises a complete submission: trimmed text, phone in E.164, numeric object type', () => {
    expect(parseLeadInput(complete, 'submit')).toEqual({
      ok: true,
      value: {
        name: 'Иван',
        company: 'ООО «Экор»',
        phone: '+74952302772',
        email: 'ivan@ekor.ru',
        objectTypeId: 3,
        extra: 'Склад 500 м²',
        consent: true,
      },
    });
  });

  it.each(['8 (495) 230-27-72', '+7 495 230 27 72', '84952302772', '+7(495)2302772'])(
    'reads %s as the same number',
    (phone) => {
      const result = parseLeadInput({ ...complete, phone }, 'submit');
      expect(result.ok && result.value.phone).toBe('+74952302772');
    },
  );

  it('reports every problem of a submission per field, in Russian', () => {
    const result = parseLeadInput(
      { name: '', phone: '12', email: 'not-an-email', objectTypeId: 'abc', extra: 'x'.repeat(5001) },
      'submit',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Укажите имя',
        phone: 'Укажите номер телефона, например +7 495 123-45-67 или 8 (495) 123-45-67',
        email: 'Укажите адрес эл. почты, например ivanov@example.ru',
        objectTypeId: 'Выберите тип объекта из списка',
        extra: 'Не длиннее 5000 символов',
        consent: 'Чтобы отправить заявку, дайте согласие на обработку персональных данных',
      },
    });
  });

  it('accepts a partial draft, but still checks the formats of what is there', () => {
    expect(parseLeadInput({ company: 'Экор' }, 'draft')).toMatchObject({
      ok: true,
      value: { company: 'Экор', consent: false },
    });
    expect(parseLeadInput({ email: 'nope' }, 'draft')).toMatchObject({
      ok: false,
      errors: { email: expect.any(String) },
    });
  });

  it('takes only its own fields and refuses values of the wrong type', () => {
    const hostile = JSON.parse(
      '{"__proto__": {"name": "x"}, "name": ["Иван"], "consent": {"yes": true}}',
    ) as object;
    expect(parseLeadInput(hostile, 'draft')).toEqual({
      ok: false,
      errors: { name: 'Поле «Имя» должно быть текстом' },
    });
    expect(parseLeadInput(null, 'draft')).toMatchObject({ ok: true });
    expect(parseLeadInput([1, 2], 'submit')).toMatchObject({ ok: false });
  });
});
