import React from 'react';
import { Box, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { useTranslation, type ShowPropertyProps } from 'adminjs';

import { formatDateTime } from '../../common/ru-format.js';

/**
 * «История статусов» on a lead's page: every status change, who made it and when. The rows come
 * with the record (the show action's `after` hook puts LeadService.statusHistory, with the
 * statuses' Russian labels, in the params).
 */
interface Entry {
  changedAt: string;
  from: string | null;
  to: string;
  user: string | null;
}

const LeadStatusHistory: React.FC<ShowPropertyProps> = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  let entries: Entry[];
  try {
    entries = JSON.parse(String(record.params[property.path] ?? '[]')) as Entry[];
  } catch {
    entries = [];
  }
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {entries.length === 0 ? (
        <Text>Изменений статуса нет</Text>
      ) : (
        <Table data-testid="lead-status-history">
          <TableHead>
            <TableRow>
              <TableCell>Когда (МСК)</TableCell>
              <TableCell>Было</TableCell>
              <TableCell>Стало</TableCell>
              <TableCell>Кто</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry, index) => (
              <TableRow key={index}>
                <TableCell>{formatDateTime(entry.changedAt)}</TableCell>
                <TableCell>{entry.from ?? 'Создан'}</TableCell>
                <TableCell>{entry.to}</TableCell>
                <TableCell>{entry.user ?? 'Посетитель сайта'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

export default LeadStatusHistory;
