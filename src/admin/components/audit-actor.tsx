import React from 'react';
import type { BasePropertyProps } from 'adminjs';

import { FormattedValue, propertyValue } from './formatted-value.js';

/**
 * «Кто» of an audit entry: the user or the visitor of the public form, and «Система» for what no
 * person did (a new lead from the form, the schedule, the seeds, migrations).
 */
const AuditActor: React.FC<BasePropertyProps> = (props) => {
  const value = propertyValue(props);
  return <FormattedValue {...props} text={typeof value === 'string' && value.trim() ? value : 'Система'} />;
};

export default AuditActor;
