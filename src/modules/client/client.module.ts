import { Module } from '@nestjs/common';

import { PipelineModule } from '../pipeline/pipeline.module.js';
import { ClientStatusService } from './client-status.service.js';
import { ClientService } from './client.service.js';
import { HistoryService } from './history.service.js';

@Module({
  imports: [PipelineModule],
  providers: [ClientService, ClientStatusService, HistoryService],
  exports: [ClientService, ClientStatusService, HistoryService],
})
export class ClientModule {}
