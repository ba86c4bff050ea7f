import { Module } from '@nestjs/common';

import { NotificationModule } from '../notification/notification.module.js';
import { LeadService } from './lead.service.js';

@Module({
  imports: [NotificationModule],
  providers: [LeadService],
  exports: [LeadService],
})
export class LeadModule {}
