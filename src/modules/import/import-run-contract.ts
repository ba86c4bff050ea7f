import type { EntityManager } from 'typeorm';

import type {
  ColumnMapping,
  DetectedFile,
  ImportField,
  ImportKind,
  MappedRow,
  TableRow,
} from './import-contract.js';

/**
 * The seams of running an import (docs/exchange.md «Import»): the job an upload becomes
 * (ImportService, `import.service.ts`), the writers that turn one mapped row into this CRM's
 * records (`lines/`), and what the back-office's screen and HTTP API are shown. Types only.
 */

/**
 * uploaded → (checking → checked)* → queued → running → done | failed; a queued or running import
 * may be cancelled (what it wrote stays, «Отменить импорт» removes it), a done or cancelled one
 * undone. `checking` is the dry run («Проверить»), `checked` holds its report.
 */
export const importJobStatuses = [
  'uploaded',
  'checking',
  'checked',
  'queued',
  'running',
  'done',
  'failed',
  'cancelled',
  'undone',
] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];

/** What to do with a row that looks like a record already here (or earlier in the same file). */
export const duplicatePolicies = ['skip', 'fill_empty', 'create'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

export const duplicatePolicyLabels: Record<DuplicatePolicy, string> = {
  skip: 'Пропускать дубли',
  fill_empty: 'Дополнять пустые поля найденной записи',
  create: 'Создавать всё равно',
};

/**
 * The records an import creates or fills. `contact`: a contact person on a client card — its `id`
 * is the card's (a contact has no record of its own); links show the card.
 */
export type ImportedEntity = 'lead' | 'client' | 'deal' | 'contact';

/** A record a row looks like, with a link the screen shows («№12 «Альфа» — тот же ИНН»). */
export interface DuplicateLink {
  entity: ImportedEntity;
  id: number;
  name: string;
  /** «тот же ИНН, тот же телефон» (client-duplicates.ts's words), «тот же ID в Битрикс24», «строка 14 этого файла». */
  why: string;
}

/**
 * For each field that maps values (ImportField.mapsValues), each value of the file → the key of
 * the option chosen (ValueOption.key) or null: not mapped (the writer's documented default).
 */
export type ValueMapping = Record<string, Record<string, string | null>>;

/** A choice of a value dropdown: `key` is what ValueMapping stores. */
export interface ValueOption {
  key: string;
  label: string;
}

/** What a line writer knows of the import it writes for. */
export interface ImportContext {
  jobId: number;
  kind: ImportKind;
  /** As uploaded: history events name it («Импортирован из Битрикс24 (файл «leads.csv», строка 5)»). */
  fileName: string;
  /** The file has Bitrix24 IDs (a column mapped to `bitrixId`): history says «из Битрикс24», else «из файла». */
  fromBitrix: boolean;
  policy: DuplicatePolicy;
  /** The user who imports: author of the history events, responsible where the file names nobody. */
  actorId: number;
  /** The department the records go to where the file's values do not say (a manager: their own). */
  departmentId: number | null;
  values: ValueMapping;
}

/** What one row came to. */
export type LineOutcome =
  | { result: 'created'; entity: ImportedEntity; id: number; duplicates: DuplicateLink[] }
  /** `fill_empty`: the duplicate's empty fields were filled (Russian field labels). */
  | { result: 'updated'; entity: ImportedEntity; id: number; fields: string[]; duplicates: DuplicateLink[] }
  /** A duplicate under `skip`, or a row this import (or an earlier one) already wrote — same Bitrix24 ID. */
  | { result: 'skipped'; entity: ImportedEntity; id: number; duplicates: DuplicateLink[] }
  /** The row is refused: nothing of it is written («неверная контрольная цифра ИНН»). */
  | { result: 'refused'; reason: string };

/**
 * Writes one mapped row of a kind in the caller's transaction; the caller wraps each row in a
 * savepoint, so a refused row (a DomainError or `refused`) leaves nothing behind.
 */
export interface ImportLineWriter {
  readonly kind: ImportKind;
  write(manager: EntityManager, context: ImportContext, row: MappedRow): Promise<LineOutcome>;
}

/** A record «Отменить импорт» left in place, and why («изменена после импорта 05.12.2026, 14:02»). */
export interface KeptRecord {
  entity: ImportedEntity;
  id: number;
  name: string;
  why: string;
}

export interface UndoReport {
  removed: number;
  kept: KeptRecord[];
}

/** A row of the report of «Проверить» or of the import. */
export interface ReportedLine {
  line: number;
  /** The reason it was refused, or what it duplicates. */
  text: string;
  duplicates: DuplicateLink[];
}

/** «N новых, M дублей (со ссылками), K ошибок (строка 88: …)» — counts over the whole file, the first lines listed. */
export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  refused: number;
  /** The first REPORTED_LINES duplicates and refusals, by line. */
  duplicates: ReportedLine[];
  errors: ReportedLine[];
}

export const REPORTED_LINES = 50;

/** The job as the «Импорт» screen shows it (ImportService.view). */
export interface ImportJobView {
  id: number;
  fileName: string;
  status: ImportJobStatus;
  /** «Загружен», «Проверяется», «Проверен», «В очереди», «Импортируется», «Готово», «Не удалось», «Остановлен», «Отменён». */
  statusLabel: string;
  detected: DetectedFile;
  /** «CSV, кодировка Windows-1251, разделитель «;»». */
  detectedText: string;
  headers: string[];
  /** The first 20 rows as read. */
  preview: TableRow[];
  /** Data rows in the file. */
  totalRows: number;
  kind: ImportKind;
  kinds: ValueOption[];
  fields: ImportField[];
  mapping: ColumnMapping;
  /** For each field of `fields` that maps values and has a column: every value of the file (with rows) and its choice. */
  values: {
    field: string;
    label: string;
    options: ValueOption[];
    items: { value: string; rows: number; choice: string | null }[];
    /** «и ещё 1 234 строки с другими значениями», or null. */
    others: string | null;
  }[];
  policy: DuplicatePolicy;
  departmentId: number | null;
  /**
   * The departments an administrator chooses from for the records the file's «Ответственный» does
   * not place (key: the department's id); empty for a manager, whose imports go to their own.
   */
  departments: ValueOption[];
  /** Rows done by the running check or import, for the progress bar. */
  progress: { done: number; total: number };
  /** The last check's report («Проверить»), null before one. */
  check: ImportReport | null;
  /** The import's report so far (while running) or at its end, null before it starts. */
  result: ImportReport | null;
  undo: UndoReport | null;
  /** Russian reason of a failed run. */
  failure: string | null;
  /** What the user may do now. */
  can: {
    configure: boolean;
    check: boolean;
    start: boolean;
    cancel: boolean;
    undo: boolean;
    errors: boolean;
  };
  createdAt: string;
}

/** What the user changes before «Проверить» / «Импортировать»; every part optional. */
export interface ImportSettings {
  kind?: ImportKind;
  mapping?: ColumnMapping;
  values?: ValueMapping;
  policy?: DuplicatePolicy;
  departmentId?: number | null;
}

/** A mapping saved by name for reuse («Битрикс24 — лиды»). */
export interface SavedMapping {
  id: number;
  name: string;
  kind: ImportKind;
  /** By header name, so a file with columns in another order still fits. */
  columns: Record<string, string>;
}

/** Who imports: the signed-in user. */
export interface ImportActor {
  id: number;
}

/** The uploaded file, already on disk (the HTTP layer's temporary file: the service moves it). */
export interface UploadedFile {
  path: string;
  /** As the user's computer named it. */
  name: string;
  size: number;
}

/** The errors file of «Скачать ошибки»: the refused rows as read, with a «Причина» column (XLSX). */
export interface ErrorsFile {
  fileName: string;
  write(out: NodeJS.WritableStream): Promise<void>;
}

/**
 * What ImportService offers the HTTP API and the screen. Every method checks the actor (import.forbidden
 * for the committee, import.other_department for a manager's foreign department, import.not_found
 * for another user's job) and refuses a step the job's status does not allow (import.wrong_status),
 * all with Russian messages, changing nothing. «Проверить» and «Импортировать» queue the job for a
 * worker (IMPORT_WORKER) and answer at once; `view` shows the progress.
 */
export interface ImportOperations {
  upload(actor: ImportActor, file: UploadedFile): Promise<ImportJobView>;
  /** The actor's recent imports, newest first. */
  list(actor: ImportActor): Promise<ImportJobView[]>;
  view(actor: ImportActor, jobId: number): Promise<ImportJobView>;
  configure(actor: ImportActor, jobId: number, settings: ImportSettings): Promise<ImportJobView>;
  check(actor: ImportActor, jobId: number): Promise<ImportJobView>;
  start(actor: ImportActor, jobId: number): Promise<ImportJobView>;
  cancel(actor: ImportActor, jobId: number): Promise<ImportJobView>;
  undo(actor: ImportActor, jobId: number): Promise<ImportJobView>;
  errorsFile(actor: ImportActor, jobId: number): Promise<ErrorsFile>;
  saveMapping(actor: ImportActor, jobId: number, name: string): Promise<SavedMapping>;
  mappings(actor: ImportActor, kind: ImportKind): Promise<SavedMapping[]>;
}

/** A record an import created, as its ledger (`import_row`) keeps it. */
export interface CreatedRecord {
  entity: ImportedEntity;
  id: number;
  line: number;
}

/**
 * The domain side of an import, per kind (`lines/import-lines.service.ts`, class ImportLinesService,
 * provided under IMPORT_LINES): the row writers, the options of the value dropdowns and their
 * suggestions, and the removal of what an import created.
 */
export interface ImportLines {
  writer(kind: ImportKind): ImportLineWriter;
  /** The dropdown's choices for a field that maps values (lead statuses, deal stages, users and departments, sources). */
  valueOptions(manager: EntityManager, kind: ImportKind, field: string): Promise<ValueOption[]>;
  /** The option a file's value most likely means (Bitrix24's stage names, a user's full name or e-mail), or null. */
  suggestChoice(
    kind: ImportKind,
    field: string,
    value: string,
    options: readonly ValueOption[],
  ): string | null;
  /**
   * «Отменить импорт»: deletes the records (deals before clients) unless changed after `importedUntil`
   * by anyone — those are kept and listed with why.
   */
  remove(
    manager: EntityManager,
    context: ImportContext,
    records: readonly CreatedRecord[],
    importedUntil: Date,
  ): Promise<UndoReport>;
}

export const IMPORT_LINES = Symbol('IMPORT_LINES');
