import { Module } from '@nestjs/common';

import { ClientModule } from '../client/client.module.js';
import { DealService } from './deal.service.js';

@Module({
  imports: [ClientModule],
  providers: [DealService],
  exports: [DealService],
})
export class DealModule {}
