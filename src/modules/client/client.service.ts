import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Lead } from '../lead/entities/lead.entity.js';

/**
 * Client cards (SPEC §2). The card itself arrives with the client issue (issue 4); the lead
 * lifecycle already calls `createFromLead` inside the transaction that records the outcome
 * «Преобразовать в клиента», so the card and the outcome will be written together.
 */
@Injectable()
export class ClientService {
  /**
   * Creates the client card from a lead processed with «Преобразовать в клиента».
   * Until issue 4 there is no card to write: the lead keeps its outcome, and issue 4 converts
   * the leads processed meanwhile (`outcome = 'convert'` and no client yet).
   */
  async createFromLead(_manager: EntityManager, _lead: Lead): Promise<void> {}
}
