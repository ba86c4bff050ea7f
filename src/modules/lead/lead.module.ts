import { Module } from '@nestjs/common';

import { NotificationModule } from '../notification/notification.module.js';
import { LeadController } from './lead.controller.js';
import { LeadService } from './lead.service.js';

@Module({
  imports: [NotificationModule],
  controllers: [LeadController],
  providers: [LeadService],
  exports: [LeadService],
})
export class LeadModule {}
