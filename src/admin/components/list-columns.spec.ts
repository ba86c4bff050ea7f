import { columnsFor } from './list-columns.js';

describe('columnsFor', () => {
  const columns = [
    { name: 'createdAt' },
    { name: 'departmentId', custom: { listRoles: ['admin'] } },
    { name: 'company', custom: {} },
  ];

  it('keeps the columns for everybody and those of the role', () => {
    expect(columnsFor(columns, 'admin').map((column) => column.name)).toEqual([
      'createdAt',
      'departmentId',
      'company',
    ]);
  });

  it('drops the columns of other roles, and of every role when the role is unknown', () => {
    expect(columnsFor(columns, 'manager').map((column) => column.name)).toEqual(['createdAt', 'company']);
    expect(columnsFor(columns, undefined).map((column) => column.name)).toEqual(['createdAt', 'company']);
  });
});
