import React from 'react';
import { Box, Label, Text } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';

/** A sum in rubles in Russian format (`1 234 567,89 ₽`) in lists and on pages. */
const rubles = new Intl.NumberFormat('ru-RU', {
  style: 'currency',
  currency: 'RUB',
  minimumFractionDigits: 2,
});

const MoneyValue: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const raw = record?.params?.[property.path];
  const text =
    raw === undefined || raw === null || raw === '' ? '—' : rubles.format(String(raw) as unknown as number);
  if (where === 'list') return <Text>{text}</Text>;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      <Text>{text}</Text>
    </Box>
  );
};

export default MoneyValue;
