import { describeDetected } from './file-detection.js';
import type { ImportKind } from './import-contract.js';
import { importJobStatusLabels, mayStep } from './import-job-transitions.js';
import type { ImportJob } from './import-job.entity.js';
import { IMPORT_FIELDS } from './import-mapping.js';
import type { ImportJobView, ValueOption } from './import-run-contract.js';
import { describeOtherRows } from './value-mapping.js';

export const importKindLabels: Record<ImportKind, string> = {
  lead: 'Лиды',
  company: 'Компании',
  contact: 'Контакты',
  deal: 'Сделки',
};

const KINDS: ValueOption[] = Object.entries(importKindLabels).map(([key, label]) => ({ key, label }));

/** The fields of the job's kind that map values and have a column: the value dropdowns shown. */
export function valueFieldsOf(job: Pick<ImportJob, 'kind' | 'mapping'>): string[] {
  return IMPORT_FIELDS[job.kind]
    .filter((field) => field.mapsValues && job.mapping.includes(field.key))
    .map((field) => field.key);
}

/**
 * Whose refused rows «Скачать ошибки» gives: the import's once it has a report, else the last
 * check's; undefined when that report refused none.
 */
export function errorsOf(
  job: Pick<ImportJob, 'checkReport' | 'resultReport'>,
): 'import' | 'check' | undefined {
  if (job.resultReport) return job.resultReport.refused > 0 ? 'import' : undefined;
  return (job.checkReport?.refused ?? 0) > 0 ? 'check' : undefined;
}

/** The job as the «Импорт» screen shows it; `options` holds each of valueFieldsOf's dropdown choices. */
export function buildJobView(
  job: ImportJob,
  options: ReadonlyMap<string, ValueOption[]>,
  departments: ValueOption[] = [],
): ImportJobView {
  const fields = [...IMPORT_FIELDS[job.kind]];
  const values = valueFieldsOf(job).map((key) => {
    const tally = job.tallies.find((known) => known.field === key) ?? {
      field: key,
      values: [],
      otherRows: 0,
    };
    return {
      field: key,
      label: fields.find((field) => field.key === key)!.label,
      options: options.get(key) ?? [],
      items: tally.values.map((item) => ({
        value: item.value,
        rows: item.rows,
        choice: job.values[key]?.[item.value] ?? null,
      })),
      others: describeOtherRows(tally),
    };
  });
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    statusLabel: importJobStatusLabels[job.status],
    detected: job.detected,
    detectedText: describeDetected(job.detected),
    headers: job.headers,
    preview: job.preview,
    totalRows: job.totalRows,
    kind: job.kind,
    kinds: KINDS,
    fields,
    mapping: job.mapping,
    values,
    policy: job.policy,
    departmentId: job.departmentId,
    departments,
    progress: { done: job.progressDone, total: job.progressTotal || job.totalRows },
    check: job.checkReport,
    result: job.resultReport,
    undo: job.undoReport,
    failure: job.failure,
    can: {
      configure: mayStep('configure', job.status),
      check: mayStep('check', job.status),
      start: mayStep('start', job.status),
      cancel: mayStep('cancel', job.status),
      undo: mayStep('undo', job.status),
      errors: errorsOf(job) !== undefined,
    },
    createdAt: job.createdAt.toISOString(),
  };
}
