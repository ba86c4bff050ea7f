import React from 'react';
import type { ShowPropertyProps } from 'adminjs';

import { formatNumber } from '../../common/ru-format.js';

/**
 * Replaces AdminJS's DefaultPropertyValue (the text of a plain field in lists and on record pages):
 * numbers in Russian format (`12 345`, `12,5`); ids, chosen values (badges) and everything else as
 * AdminJS writes them.
 */
const NumberValue: React.FC<
  ShowPropertyProps & { OriginalComponent?: React.ComponentType<ShowPropertyProps> }
> = (props) => {
  const { property, record, OriginalComponent } = props;
  const value = record?.params?.[property.path] as unknown;
  const numeric =
    (property.type === 'number' || property.type === 'float') &&
    !property.isId &&
    !property.availableValues &&
    (typeof value === 'number' || (typeof value === 'string' && value !== ''));
  if (numeric) return <>{formatNumber(value as number | string)}</>;
  return OriginalComponent ? <OriginalComponent {...props} /> : null;
};

export default NumberValue;
