import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

/**
 * A value already written in Russian format (src/common/ru-format.ts), placed as AdminJS places
 * its own: bare in a list cell, under the field's label on a record page. A narrow list column
 * breaks its text anywhere, so a phone, an amount or a date is kept whole; a moment may break
 * after its date (`04.12.2026,` / `19:07`). In lists (`crm-value`, layout.css) such a column is as
 * wide as its value and the texts beside it give way.
 */
export const FormattedValue: React.FC<Pick<BasePropertyProps, 'property' | 'where'> & { text: string }> = ({
  property,
  where,
  text,
}) => {
  const { translateProperty } = useTranslation();
  const parts = text.split(/(?<=,) /);
  const value = (
    <span className="crm-value">
      {parts.map((part, index) => (
        <React.Fragment key={index}>
          {index > 0 && ' '}
          <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
        </React.Fragment>
      ))}
    </span>
  );
  if (where !== 'show') return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

/** The record's value of the property (its own path: array items such as `contacts.0.phone` included). */
export const propertyValue = ({ record, property }: Pick<BasePropertyProps, 'record' | 'property'>) =>
  record?.params?.[property.path] as string | number | null | undefined;
