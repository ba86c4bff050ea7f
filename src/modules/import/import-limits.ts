/**
 * What one import file may hold (docs/exchange.md «Import — reading files»). Constants for now: a
 * setting can override them later. They keep reading bounded: a file past a limit is refused with
 * a Russian message rather than read into memory.
 */
export const importLimits = {
  /** The uploaded file. */
  fileBytes: 50 * 1024 * 1024,
  /** Data rows (the header row not counted). */
  rows: 200_000,
  columns: 200,
  /** Characters in one cell (Excel's own limit is 32 767). */
  cellChars: 32_768,
  /** XLSX: the declared uncompressed size of all its parts together. */
  xlsxUncompressedBytes: 1024 * 1024 * 1024,
  /**
   * XLSX: the compression ratio of one part past which it is a zip bomb rather than a sheet. Deflate
   * cannot exceed ≈1030:1; a real sheet's XML compresses 5–50 times, a very repetitive one ~150.
   */
  xlsxPartRatio: 400,
  /** …checked only for parts larger than this, where it matters. */
  xlsxRatioCheckedFromBytes: 10 * 1024 * 1024,
} as const;

/** «50 МБ» — a limit as the refusals say it. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} МБ`;
}
