import React from 'react';
import { FormGroup, Label } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type FilterPropertyProps } from 'adminjs';

import { moscowToday, parseDate } from '../../common/ru-format.js';
import { RussianDatePicker } from './russian-date-picker.js';

/**
 * Replaces AdminJS's DefaultDatetimeFilterProperty: «С» and «По» are days typed as `ДД.ММ.ГГГГ`,
 * both included, and sent as `2026-12-04`; for a moment the server takes them as Moscow days
 * (crm-typeorm-resource.ts). A moment already in the address (a link from the dashboard) is shown
 * as its Moscow day.
 */
const asDay = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value === '') return undefined;
  const moment = new Date(value);
  return parseDate(value) ?? (Number.isNaN(moment.getTime()) ? undefined : moscowToday(moment));
};

const DateFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const end = (side: 'from' | 'to') => {
    const key = `${property.path}~~${side}`;
    return (
      <RussianDatePicker
        kind="date"
        value={asDay(filter[key])}
        onChange={(value) => onChange(key, value ?? '')}
      />
    );
  };
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      <Label>{`${translateProperty('from')}:`}</Label>
      {end('from')}
      <Label mt="default">{`${translateProperty('to')}:`}</Label>
      {end('to')}
    </FormGroup>
  );
};

export default DateFilter;
