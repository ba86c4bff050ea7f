import type { RecordJSON } from 'adminjs';

// Types only: erased from the browser bundle.
import type { ClientCard } from '../../modules/client/client.service.js';
import type { DealService } from '../../modules/deal/deal.service.js';

/** What the show action puts in `params.clientCard` (ClientService.card and the client's deals). */
export type ClientCardView = ClientCard & { deals?: Awaited<ReturnType<DealService['ofClient']>> };

export function readCard(record: RecordJSON | undefined): ClientCardView | null {
  try {
    return JSON.parse(String(record?.params?.clientCard ?? '')) as ClientCardView;
  } catch {
    return null;
  }
}
