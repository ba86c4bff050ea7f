/**
 * The seam between reading an import file and importing its rows (docs/exchange.md «Import»).
 * Reading (`table-reader.ts`, `import-mapping.ts`) turns a Bitrix24 or hand-made CSV/XLSX into
 * mapped rows; the import itself (`import.service.ts`) checks and writes them. Types only.
 */

/** What is imported from one file: Bitrix24's four exports. */
export type ImportKind = 'lead' | 'company' | 'contact' | 'deal';

/** What reading found out about a file, shown to the user («Кодировка: Windows-1251, разделитель «;»»). */
export interface DetectedFile {
  format: 'csv' | 'xlsx';
  /** null for XLSX. */
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1251' | null;
  /** null for XLSX. */
  delimiter: ';' | ',' | '\t' | null;
  /** The sheet read (the first one) for XLSX, null for CSV. */
  sheet: string | null;
}

/** One data row: `line` is where the user finds it in Excel (the header row is line 1). */
export interface TableRow {
  line: number;
  cells: string[];
}

/** An opened file: headers and a fresh pass over its data rows each time `rows()` is called. */
export interface OpenedTable {
  detected: DetectedFile;
  headers: string[];
  rows(): AsyncIterable<TableRow>;
}

/**
 * A field of this CRM a column can fill. Keys per kind:
 * - lead: bitrixId, title, lastName, firstName, middleName, company, phone, email, status, source,
 *   responsible, createdAt, comment
 * - company: bitrixId, companyName, inn, phone, email, address, responsible, createdAt, comment
 * - contact: bitrixId, lastName, firstName, middleName, position, phone, email, companyName,
 *   companyBitrixId, responsible, createdAt, comment
 * - deal: bitrixId, title, stage, amount, currency, companyName, companyBitrixId, contact,
 *   responsible, createdAt, closeDate, comment
 */
export interface ImportField {
  key: string;
  /** Russian, as the mapping screen shows it. */
  label: string;
  required: boolean;
  /** Values that the user maps to this CRM's values through dropdowns (stages, users, sources). */
  mapsValues: boolean;
}

/** For each column of the file, the field key it fills or null (not imported). */
export type ColumnMapping = (string | null)[];

/**
 * A data row after mapping: for each field key, the non-empty trimmed cells mapped to it, in
 * column order (several columns may fill one field: «Рабочий телефон», «Мобильный телефон»).
 */
export interface MappedRow {
  line: number;
  values: Record<string, string[]>;
}
