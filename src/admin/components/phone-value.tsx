import React from 'react';
import { BasePropertyComponent, type BasePropertyProps } from 'adminjs';

import { formatPhone } from '../../common/ru-format.js';
import { FormattedValue, propertyValue } from './formatted-value.js';

/**
 * A phone kept in E.164, as people write it: `+7 (495) 230-27-72` in lists and on pages, and so
 * in the form's field too (AdminJS's own), where any other way of typing it is welcome: the
 * services read every format (contact-values.ts).
 */
const PhoneValue: React.FC<BasePropertyProps> = (props) => {
  const value = propertyValue(props);
  const stored = typeof value === 'string' && /^\+\d+$/.test(value) ? value : undefined;
  if (props.where !== 'edit') {
    return (
      <FormattedValue
        {...props}
        text={formatPhone(value === undefined || value === null ? value : String(value))}
      />
    );
  }
  const record = props.record && {
    ...props.record,
    params: { ...props.record.params, [props.property.path]: stored ? formatPhone(stored) : value },
  };
  return (
    <BasePropertyComponent
      {...props}
      record={record}
      property={{ ...props.property, components: undefined }}
    />
  );
};

export default PhoneValue;
