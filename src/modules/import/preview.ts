import { describeDetected } from './file-detection.js';
import type { ColumnMapping, DetectedFile, ImportKind, OpenedTable, TableRow } from './import-contract.js';
import { guessKind, suggestMapping } from './import-mapping.js';

/** What the mapping screen shows before anything is imported. */
export interface TablePreview {
  detected: DetectedFile;
  /** «CSV, кодировка Windows-1251, разделитель «;»». */
  description: string;
  headers: string[];
  /** The kind the headers suggest (Bitrix24's signature columns), null when unsure. */
  suggestedKind: ImportKind | null;
  /** The kind the mapping is for: the one asked for, else the suggested one. */
  kind: ImportKind | null;
  /** Null when there is no kind to map to yet. */
  mapping: ColumnMapping | null;
  /** The first rows, as read. */
  rows: TableRow[];
}

export const PREVIEW_ROWS = 20;

/** Reads only the first `limit` data rows of the file. */
export async function previewTable(
  opened: OpenedTable,
  kind?: ImportKind,
  limit = PREVIEW_ROWS,
): Promise<TablePreview> {
  const rows: TableRow[] = [];
  if (limit > 0) {
    for await (const row of opened.rows()) {
      rows.push(row);
      if (rows.length >= limit) break;
    }
  }
  const suggestedKind = guessKind(opened.headers);
  const chosen = kind ?? suggestedKind;
  return {
    detected: opened.detected,
    description: describeDetected(opened.detected),
    headers: opened.headers,
    suggestedKind,
    kind: chosen,
    mapping: chosen === null ? null : suggestMapping(chosen, opened.headers),
    rows,
  };
}
