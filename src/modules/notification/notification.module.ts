import { Module } from '@nestjs/common';

import { NotificationDispatcher } from './notification.dispatcher.js';
import { NotificationService } from './notification.service.js';

@Module({
  providers: [NotificationService, NotificationDispatcher],
  exports: [NotificationService, NotificationDispatcher],
})
export class NotificationModule {}
