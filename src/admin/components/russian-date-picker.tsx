import React from 'react';
import { DatePicker } from '@adminjs/design-system';
import ru from 'date-fns/locale/ru/index.js';

import { parseDate } from '../../common/ru-format.js';

/**
 * AdminJS's date picker in Russian: typed and shown as `ДД.ММ.ГГГГ` (with `ЧЧ:ММ` for a moment),
 * the calendar in Russian from Monday. A calendar date goes in and out as `2026-12-04` — the
 * picker's own ISO moment of local midnight would be the day before anywhere east of Greenwich.
 */
const digit = { regex: '\\d', raw: undefined };
const dateMask = [digit, digit, '.', digit, digit, '.', digit, digit, digit, digit];
const formats = {
  date: { dateFormat: 'dd.MM.yyyy', placeholderText: 'ДД.ММ.ГГГГ', mask: dateMask },
  datetime: {
    dateFormat: 'dd.MM.yyyy HH:mm',
    placeholderText: 'ДД.ММ.ГГГГ ЧЧ:ММ',
    mask: [...dateMask, ' ', digit, digit, ':', digit, digit],
  },
};

const pad = (number: number) => String(number).padStart(2, '0');
const calendarDateOf = (moment: Date) =>
  `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;

export const RussianDatePicker: React.FC<{
  /** A calendar date (`2026-12-04`) for `date`, an ISO moment for `datetime`. */
  value: string | undefined;
  kind: 'date' | 'datetime';
  disabled?: boolean;
  onChange: (value: string | null) => void;
}> = ({ value, kind, disabled, onChange }) => {
  const { dateFormat, placeholderText, mask } = formats[kind];
  const calendarDate = kind === 'date' ? parseDate(value?.slice(0, 10)) : undefined;
  return (
    <DatePicker
      value={kind === 'date' ? (calendarDate ? `${calendarDate}T00:00:00` : undefined) : value || undefined}
      disabled={disabled}
      propertyType={kind}
      dateFormat={dateFormat}
      placeholderText={placeholderText}
      inputMask={{ mask }}
      locale={ru}
      timeInputLabel="Время:"
      previousMonthButtonLabel="Предыдущий месяц"
      nextMonthButtonLabel="Следующий месяц"
      previousMonthAriaLabel="Предыдущий месяц"
      nextMonthAriaLabel="Следующий месяц"
      chooseDayAriaLabelPrefix="Выбрать"
      disabledDayAriaLabelPrefix="Недоступно:"
      monthAriaLabelPrefix="месяц"
      weekAriaLabelPrefix="неделя"
      onChange={(picked) => {
        if (!picked) return onChange(null);
        onChange(kind === 'date' ? calendarDateOf(new Date(picked)) : picked);
      }}
    />
  );
};
