import React from 'react';
import { Box, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { useTranslation, type ShowPropertyProps } from 'adminjs';

/**
 * «Изменения» on an audit entry's page: each field with its value before and after. The rows come
 * with the record (the show action's `after` hook puts them in the params as JSON); values are
 * shown as text, never as markup.
 */
interface Change {
  field: string;
  before: string;
  after: string;
}

const AuditChanges: React.FC<ShowPropertyProps> = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  let changes: Change[];
  try {
    changes = JSON.parse(String(record.params[property.path] ?? '[]')) as Change[];
  } catch {
    changes = [];
  }
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {changes.length === 0 ? (
        <Text>Нет полей</Text>
      ) : (
        <Table data-testid="audit-changes">
          <TableHead>
            <TableRow>
              <TableCell>Поле</TableCell>
              <TableCell>Было</TableCell>
              <TableCell>Стало</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map((change) => (
              <TableRow key={change.field}>
                <TableCell>{change.field}</TableCell>
                <TableCell>{change.before}</TableCell>
                <TableCell>{change.after}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

export default AuditChanges;
