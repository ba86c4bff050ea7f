import { Module } from '@nestjs/common';

import { SearchService } from './search.service.js';

/** «Поиск»: one box over leads, clients, contact persons and deals. */
@Module({
  providers: [SearchService],
  exports: [SearchService],
})
export class SearchModule {}
