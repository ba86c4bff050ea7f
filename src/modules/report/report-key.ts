import type { ReportKind } from './entities/report.entity.js';
import type { Period } from './documents/report-data.js';

/** Which report: its kind, its department (null for the annual statistics) and its period. */
export interface ReportKey {
  kind: ReportKind;
  /** The department of a committee report; null for the annual statistics (every department). */
  departmentId: number | null;
  period: Period;
}
