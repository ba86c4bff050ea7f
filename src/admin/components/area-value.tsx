import React from 'react';
import type { BasePropertyProps } from 'adminjs';

import { formatArea } from '../../common/ru-format.js';
import { FormattedValue, propertyValue } from './formatted-value.js';

/** An area in square metres: `2 568 м²`. */
const AreaValue: React.FC<BasePropertyProps> = (props) => (
  <FormattedValue {...props} text={formatArea(propertyValue(props))} />
);

export default AreaValue;
