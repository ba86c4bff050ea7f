import { Module } from '@nestjs/common';

import { CountersService } from './counters.service.js';

/** The manager's counters on the home page and in the sidebar: overdue leads, stuck clients, today's plans. */
@Module({
  providers: [CountersService],
  exports: [CountersService],
})
export class CountersModule {}
