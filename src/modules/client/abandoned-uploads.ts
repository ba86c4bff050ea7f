import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

import { AttachmentStorage } from './attachments.js';

/** An upload not written to for this long has no request waiting for it any more. */
const ABANDONED_AFTER_MS = 60 * 60_000;
const SWEEP_EVERY_MS = 15 * 60_000;

/**
 * Keeps the uploads' incoming folder from filling the disk: abandoned files are deleted at the
 * start and every 15 minutes (each request also deletes its own leftovers when it is answered).
 * Safe with several instances on one folder: each only deletes files idle for an hour.
 */
@Injectable()
export class AbandonedUploadsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Uploads');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly storage: AttachmentStorage) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const removed = await this.storage.removeAbandonedUploads(ABANDONED_AFTER_MS);
      if (removed > 0) this.logger.log(`Удалено брошенных загрузок: ${removed}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'Брошенные загрузки не удалены');
    }
  }
}
