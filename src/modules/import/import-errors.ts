import { DomainError, type ErrorCode } from '../../common/domain-error.js';

/**
 * The refusals of reading an import file: stable codes (docs/exchange.md lists them) and Russian
 * messages a manager can act on. All are 422: the file, not the request, is at fault.
 */
export type ImportReadCode =
  | 'import.empty_file'
  | 'import.file_too_large'
  | 'import.wrong_type'
  | 'import.broken_xlsx'
  | 'import.zip_bomb'
  | 'import.broken_quotes'
  | 'import.unreadable_csv'
  | 'import.cell_too_large'
  | 'import.too_many_columns'
  | 'import.too_many_rows'
  | 'import.no_header'
  | 'import.mapping_required_missing'
  | 'import.mapping_unknown_field'
  | 'import.mapping_field_twice';

export function importRefusal(
  code: ImportReadCode & ErrorCode,
  message: string,
  details?: unknown,
): DomainError {
  return new DomainError(code, message, { status: 422, details });
}
