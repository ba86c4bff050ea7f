import React from 'react';
import type { BasePropertyProps } from 'adminjs';

import { formatMoney } from '../../common/ru-format.js';
import { FormattedValue, propertyValue } from './formatted-value.js';

/** A sum in rubles: `1 234 567,89 ₽`. */
const MoneyValue: React.FC<BasePropertyProps> = (props) => (
  <FormattedValue {...props} text={formatMoney(propertyValue(props))} />
);

export default MoneyValue;
