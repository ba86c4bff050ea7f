import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import type { OpenedTable } from './import-contract.js';
import { previewTable } from './preview.js';
import { openTable } from './table-reader.js';

const fixture = (name: string) => join(process.cwd(), 'test/fixtures/import', name);

function generated(headers: string[], count: number): OpenedTable & { read: number } {
  const table = {
    read: 0,
    detected: { format: 'csv', encoding: 'utf-8', delimiter: ';', sheet: null } as const,
    headers,
    async *rows() {
      for (let index = 0; index < count; index += 1) {
        table.read += 1;
        yield { line: index + 2, cells: [`Имя ${index}`, `+7 495 000-00-${String(index).padStart(2, '0')}`] };
      }
    },
  };
  return table;
}

describe('previewTable', () => {
  it('shows a Bitrix24 lead export: what was detected, the kind, the mapping and its rows', async () => {
    const preview = await previewTable(await openTable(fixture('leads-bitrix24-cp1251.csv'), 'leads.csv'));

    expect(preview.description).toBe('CSV, кодировка Windows-1251, разделитель «;»');
    expect(preview.suggestedKind).toBe('lead');
    expect(preview.kind).toBe('lead');
    expect(preview.mapping?.slice(0, 2)).toEqual(['bitrixId', 'title']);
    expect(preview.rows.map((row) => row.line)).toEqual([2, 5, 7, 8]);
  });

  it('reads only the first 20 rows', async () => {
    const table = generated(['Имя', 'Телефон'], 1000);

    const preview = await previewTable(table, 'contact');

    expect(preview.rows).toHaveLength(20);
    expect(table.read).toBe(20);
    expect(preview.rows[19].line).toBe(21);
  });

  it('maps for the kind asked, and maps nothing when the kind is unknown', async () => {
    const asked = await previewTable(generated(['Имя', 'Телефон'], 3), 'contact', 2);
    const unsure = await previewTable(generated(['Имя', 'Телефон'], 3));

    expect(asked).toMatchObject({ suggestedKind: null, kind: 'contact', mapping: ['firstName', 'phone'] });
    expect(asked.rows).toHaveLength(2);
    expect(unsure).toMatchObject({ suggestedKind: null, kind: null, mapping: null });
  });
});
