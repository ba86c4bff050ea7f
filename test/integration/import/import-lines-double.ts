import type { EntityManager } from 'typeorm';

import { DomainError } from '../../../src/common/domain-error.js';
import type { ImportKind, MappedRow } from '../../../src/modules/import/import-contract.js';
import type {
  CreatedRecord,
  ImportContext,
  ImportLines,
  LineOutcome,
  UndoReport,
  ValueOption,
} from '../../../src/modules/import/import-run-contract.js';

/**
 * A stand-in for the writers per kind, to test the run's mechanics (batches, savepoints, ledger,
 * resume, cancel, undo) on a table of its own, `import_double_record`:
 * - a row whose title holds «ОШИБКА» is refused by its outcome, «ИСКЛЮЧЕНИЕ» by a DomainError;
 * - a row whose Bitrix24 ID is already there is skipped (as the real writers skip the same ID);
 * - `hook` runs before a line is written (a crash, a cancel from another request).
 */
export class ImportLinesDouble implements ImportLines {
  /** Lines handed to the writer, in order (a resumed run's lines come again only after the last written). */
  readonly written: number[] = [];
  hook: ((line: number, manager: EntityManager) => Promise<void>) | undefined;

  static async createTable(manager: EntityManager): Promise<void> {
    await manager.query(`CREATE TABLE import_double_record (
      id serial PRIMARY KEY, job_id integer NOT NULL, bitrix_id text UNIQUE, title text NOT NULL,
      changed boolean NOT NULL DEFAULT false)`);
  }

  writer(kind: ImportKind) {
    return {
      kind,
      write: (manager: EntityManager, context: ImportContext, row: MappedRow) =>
        this.write(manager, context, row),
    };
  }

  private async write(manager: EntityManager, context: ImportContext, row: MappedRow): Promise<LineOutcome> {
    this.written.push(row.line);
    await this.hook?.(row.line, manager);
    const title = row.values.title?.[0] ?? '';
    const bitrixId = row.values.bitrixId?.[0] ?? null;
    // Written before the refusal: the savepoint must take it back.
    const [{ id }]: { id: number }[] = await manager
      .query(
        `INSERT INTO import_double_record (job_id, bitrix_id, title) VALUES ($1, $2, $3)
       ON CONFLICT (bitrix_id) DO NOTHING RETURNING id`,
        [context.jobId, bitrixId, title],
      )
      .then((rows: { id: number }[]) => (rows.length > 0 ? rows : [{ id: 0 }]));
    if (title.includes('ОШИБКА')) return { result: 'refused', reason: 'Неверная контрольная цифра ИНН' };
    if (title.includes('ИСКЛЮЧЕНИЕ')) throw new DomainError('client.inn_checksum', 'ИНН из 11 цифр');
    if (id === 0) {
      const [known]: { id: number }[] = await manager.query(
        'SELECT id FROM import_double_record WHERE bitrix_id = $1',
        [bitrixId],
      );
      return { result: 'skipped', entity: 'lead', id: known.id, duplicates: [] };
    }
    const duplicates = title.includes('ДУБЛЬ')
      ? [{ entity: 'lead' as const, id: 1, name: 'Первый лид', why: 'тот же телефон' }]
      : [];
    return { result: 'created', entity: 'lead', id, duplicates };
  }

  valueOptions(_manager: EntityManager, _kind: ImportKind, field: string): Promise<ValueOption[]> {
    const options: Record<string, ValueOption[]> = {
      status: [
        { key: 'new', label: 'Не обработан' },
        { key: 'qualifying', label: 'В работе' },
      ],
      responsible: [{ key: 'user:1', label: 'Мария Ковалёва' }],
    };
    return Promise.resolve(options[field] ?? []);
  }

  suggestChoice(_kind: ImportKind, _field: string, value: string, options: readonly ValueOption[]) {
    return options.find((option) => option.label.toLowerCase() === value.toLowerCase())?.key ?? null;
  }

  async remove(
    manager: EntityManager,
    _context: ImportContext,
    records: readonly CreatedRecord[],
    importedUntil: Date,
  ): Promise<UndoReport> {
    if (!(importedUntil instanceof Date) || Number.isNaN(importedUntil.getTime())) throw new Error('no time');
    const ids = records.map((record) => record.id);
    const kept: { id: number; title: string }[] = await manager.query(
      'SELECT id, title FROM import_double_record WHERE id = ANY($1) AND changed ORDER BY id',
      [ids],
    );
    const [, removed]: [unknown, number] = await manager.query(
      'DELETE FROM import_double_record WHERE id = ANY($1) AND NOT changed',
      [ids],
    );
    return {
      removed,
      kept: kept.map((record) => ({
        entity: 'lead',
        id: record.id,
        name: record.title,
        why: 'изменена после импорта',
      })),
    };
  }
}
