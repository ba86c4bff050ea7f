import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { DomainError } from '../../common/domain-error.js';
import type { ColumnMapping, ImportKind, OpenedTable, TableRow } from './import-contract.js';
import type { ImportJob } from './import-job.entity.js';
import { mapRow } from './import-mapping.js';
import { PREVIEW_ROWS } from './preview.js';
import { ValueTally, type FieldTally } from './value-mapping.js';

/** What one streamed pass over an uploaded file finds: its rows, the first of them, the values to map. */
export interface FilePass {
  totalRows: number;
  preview: TableRow[];
  tallies: FieldTally[];
}

/** Reads the whole file once, holding only the preview and the bounded tally (ValueTally). */
export async function readWholeFile(
  table: OpenedTable,
  kind: ImportKind,
  mapping: ColumnMapping,
): Promise<FilePass> {
  const tally = new ValueTally(kind);
  const preview: TableRow[] = [];
  let totalRows = 0;
  for await (const row of table.rows()) {
    totalRows += 1;
    if (preview.length < PREVIEW_ROWS) preview.push(row);
    tally.add(mapRow(mapping, row));
  }
  return { totalRows, preview, tallies: tally.result() };
}

/**
 * Moves the HTTP layer's temporary file to `imports/<uuid>` under UPLOAD_DIR (which every
 * instance shares: the worker of any may run the job). Returns the path relative to UPLOAD_DIR.
 */
export async function storeUpload(uploadDirectory: string, temporaryPath: string): Promise<string> {
  const relative = path.join('imports', randomUUID());
  const target = path.join(uploadDirectory, relative);
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.rename(temporaryPath, target);
  } catch (error) {
    // Another file system (a temporary folder elsewhere): copy, then remove the original.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.copyFile(temporaryPath, target);
    await fs.rm(temporaryPath, { force: true });
  }
  return relative;
}

/** Where a job's file is, refused when the housekeeping already deleted it (a done or undone import). */
export function jobFilePath(uploadDirectory: string, job: Pick<ImportJob, 'filePath'>): string {
  if (job.filePath === null) {
    throw new DomainError('import.file_removed', 'Файл этого импорта уже удалён: загрузите его снова.', {
      status: 409,
    });
  }
  return path.join(uploadDirectory, job.filePath);
}
