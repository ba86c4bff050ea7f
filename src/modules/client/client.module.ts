import { mkdirSync } from 'node:fs';

import { Module } from '@nestjs/common';

import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/tokens.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { AbandonedUploadsSweeper } from './abandoned-uploads.js';
import { AttachmentStorage } from './attachments.js';
import { ClientBoardService } from './client-board.service.js';
import { ClientStatusService } from './client-status.service.js';
import { ClientService } from './client.service.js';
import { EventFiles } from './event-files.js';
import { HistoryService } from './history.service.js';

@Module({
  imports: [PipelineModule],
  providers: [
    ClientService,
    ClientStatusService,
    ClientBoardService,
    HistoryService,
    EventFiles,
    AbandonedUploadsSweeper,
    {
      provide: AttachmentStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        mkdirSync(config.uploads.directory, { recursive: true });
        return new AttachmentStorage(config.uploads.directory);
      },
    },
  ],
  exports: [ClientService, ClientStatusService, ClientBoardService, HistoryService, AttachmentStorage],
})
export class ClientModule {}
