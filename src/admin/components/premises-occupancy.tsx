import React from 'react';
import { Box, Label, Text } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

import { formatDate } from '../../common/ru-format.js';

/** «Занятость» of an item of the objects directory: free, or taken by a signed deal until a date. */
const PremisesOccupancy: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { translateProperty } = useTranslation();
  const until = record?.params?.occupiedUntil as string | undefined;
  const deal = record?.params?.occupiedByDeal as string | undefined;
  const text = until ? (
    <>
      Занято до <span style={{ whiteSpace: 'nowrap' }}>{formatDate(until)}</span>
    </>
  ) : (
    'Свободно'
  );
  const content = until && deal ? <a href={`/admin/resources/Deal/records/${deal}/show`}>{text}</a> : text;
  if (where === 'list') return <Text>{content}</Text>;
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      <Text>{content}</Text>
    </Box>
  );
};

export default PremisesOccupancy;
