import React from 'react';
import { Box, Label, Text } from '@adminjs/design-system';
import { useTranslation, type ShowPropertyProps } from 'adminjs';

/** The deal's summary: «услуга/площадь, сумма, срок» per line and in total (DealService.summary). */
const DealSummaryPanel: React.FC<ShowPropertyProps> = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  let summary: { lines: string[]; total: string } | null;
  try {
    summary = JSON.parse(String(record.params[property.path] ?? '')) as { lines: string[]; total: string };
  } catch {
    summary = null;
  }
  if (!summary) return null;
  return (
    <Box mb="xl" p="lg" variant="grey" data-testid="deal-summary">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {summary.lines.length === 0 && <Text>Строк пока нет: добавьте их действием «Строки сделки».</Text>}
      {summary.lines.map((line, index) => (
        <Text key={index} mb="sm">
          {index + 1}. {line}
        </Text>
      ))}
      <Text mt="default">
        <b>{summary.total}</b>
      </Text>
    </Box>
  );
};

export default DealSummaryPanel;
