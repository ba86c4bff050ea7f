import { Module } from '@nestjs/common';

import { DomainError } from '../../common/domain-error.js';
import { IMPORT_LINES, type ImportLines } from './import-run-contract.js';
import { ImportWorker } from './import-worker.js';
import { ImportService } from './import.service.js';

/**
 * Until the writers per kind (lines/import-lines.service.ts) land: the app boots, and importing
 * says it is not available yet. Replaced by `{ provide: IMPORT_LINES, useClass: ImportLinesService }`.
 */
const notYet = (): never => {
  throw new DomainError('import.not_available', 'Импорт пока недоступен.', { status: 503 });
};
const pendingImportLines: ImportLines = {
  writer: notYet,
  valueOptions: notYet,
  suggestChoice: notYet,
  remove: notYet,
};

@Module({
  providers: [ImportService, ImportWorker, { provide: IMPORT_LINES, useValue: pendingImportLines }],
  exports: [ImportService],
})
export class ImportModule {}
