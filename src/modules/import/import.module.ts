import { Module } from '@nestjs/common';

import { LeadModule } from '../lead/lead.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { IMPORT_LINES } from './import-run-contract.js';
import { ImportWorker } from './import-worker.js';
import { ImportService } from './import.service.js';
import { ImportLinesService } from './lines/import-lines.service.js';

@Module({
  imports: [LeadModule, PipelineModule],
  providers: [ImportService, ImportWorker, { provide: IMPORT_LINES, useClass: ImportLinesService }],
  exports: [ImportService],
})
export class ImportModule {}
