import React from 'react';
import type { BasePropertyProps } from 'adminjs';

import { formatTurnover } from '../../common/ru-format.js';
import { FormattedValue, propertyValue } from './formatted-value.js';

/** «Товарооборот» with the unit chosen beside it (`turnoverUnit`): `150 000 тыс. т`, `150 000 000,00 ₽`. */
const TurnoverValue: React.FC<BasePropertyProps> = (props) => {
  const unit = props.record?.params?.turnoverUnit as string | undefined;
  return <FormattedValue {...props} text={formatTurnover(propertyValue(props), unit)} />;
};

export default TurnoverValue;
