import React from 'react';
import { BasePropertyComponent, type BasePropertyProps } from 'adminjs';

import { formatNumber, formatTurnover } from '../../common/ru-format.js';
import { FormattedValue, propertyValue } from './formatted-value.js';

/**
 * «Товарооборот» with the unit chosen beside it (`turnoverUnit`): `150 000 тыс. т`,
 * `150 000 000,00 ₽`; in the form AdminJS's own field with the number as `150 000` or `12,5`
 * (ClientService reads spaces and a decimal comma).
 */
const TurnoverValue: React.FC<BasePropertyProps> = (props) => {
  const value = propertyValue(props);
  if (props.where !== 'edit') {
    const unit = props.record?.params?.turnoverUnit as string | undefined;
    return <FormattedValue {...props} text={formatTurnover(value, unit)} />;
  }
  const stored = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value);
  const record = props.record && {
    ...props.record,
    params: { ...props.record.params, [props.property.path]: stored ? formatNumber(value, 3) : value },
  };
  return (
    <BasePropertyComponent
      {...props}
      record={record}
      property={{ ...props.property, components: undefined }}
    />
  );
};

export default TurnoverValue;
