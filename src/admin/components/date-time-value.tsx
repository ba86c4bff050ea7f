import React from 'react';
import type { BasePropertyProps } from 'adminjs';

import { formatDate, formatDateTime } from '../../common/ru-format.js';
import { FormattedValue, propertyValue } from './formatted-value.js';

/**
 * Every date and moment of every resource, in lists and on record pages (it replaces AdminJS's
 * DefaultDatetimeListProperty and DefaultDatetimeShowProperty, which write `2026-12-04 19:07` in
 * the browser's time zone): a calendar date (`date` columns, see crm-typeorm-resource.ts) as
 * `04.12.2026`, a moment as `04.12.2026, 19:07` in Moscow time.
 */
const DateTimeValue: React.FC<BasePropertyProps> = (props) => {
  const value = propertyValue(props);
  const text = props.property.type === 'date' ? formatDate(value) : formatDateTime(value);
  return <FormattedValue {...props} text={text} />;
};

export default DateTimeValue;
