import React from 'react';
import { FormGroup, FormMessage } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';

import { RussianDatePicker } from './russian-date-picker.js';

/**
 * Replaces AdminJS's DefaultDatetimeEditProperty in every form: dates typed as `ДД.ММ.ГГГГ`; a
 * calendar date is saved as `2026-12-04` (what the services and the `date` columns take).
 */
const DateEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { tm } = useTranslation();
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <RussianDatePicker
        kind={property.type === 'date' ? 'date' : 'datetime'}
        value={(record.params?.[property.path] as string | undefined) ?? undefined}
        disabled={property.isDisabled}
        onChange={(value) => onChange(property.path, value ?? '')}
      />
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default DateEdit;
