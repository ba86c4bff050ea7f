import React from 'react';
import { Box, Label } from '@adminjs/design-system';

/** The filters both boards have: a department (all, or one) and a responsible manager. */

export interface BoardChoices {
  departments: { id: number; name: string }[];
  staff: { id: number; name: string; departmentId: number | null }[];
}

export interface BoardFilterValue {
  /** `all` or a department id. */
  departmentId: string;
  /** '' (anyone) or a user id. */
  responsibleUserId: string;
}

const selectStyle: React.CSSProperties = { minWidth: 220, padding: '6px 8px', fontSize: 14 };

export const BoardFilters: React.FC<{
  choices: BoardChoices;
  value: BoardFilterValue;
  onChange: (value: BoardFilterValue) => void;
  children?: React.ReactNode;
}> = ({ choices, value, onChange, children }) => {
  const staff =
    value.departmentId === 'all'
      ? choices.staff
      : choices.staff.filter((user) => String(user.departmentId) === value.departmentId);
  return (
    <Box style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-end' }} mb="lg">
      {children}
      <Box>
        <Label htmlFor="board-department">Отдел</Label>
        <select
          id="board-department"
          style={selectStyle}
          value={value.departmentId}
          onChange={(event) => onChange({ departmentId: event.target.value, responsibleUserId: '' })}
        >
          <option value="all">Все отделы</option>
          {choices.departments.map((department) => (
            <option key={department.id} value={String(department.id)}>
              {department.name}
            </option>
          ))}
        </select>
      </Box>
      <Box>
        <Label htmlFor="board-manager">Ответственный</Label>
        <select
          id="board-manager"
          style={selectStyle}
          value={value.responsibleUserId}
          onChange={(event) => onChange({ ...value, responsibleUserId: event.target.value })}
        >
          <option value="">Все</option>
          {staff.map((user) => (
            <option key={user.id} value={String(user.id)}>
              {user.name}
            </option>
          ))}
        </select>
      </Box>
    </Box>
  );
};
