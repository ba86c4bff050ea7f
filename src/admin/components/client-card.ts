import type { RecordJSON } from 'adminjs';

// Types only: erased from the browser bundle.
import type { ClientCard } from '../../modules/client/client.service.js';

/** What the show action puts in `params.clientCard` (ClientService.card), as the components read it. */
export type ClientCardView = ClientCard;

export function readCard(record: RecordJSON | undefined): ClientCardView | null {
  try {
    return JSON.parse(String(record?.params?.clientCard ?? '')) as ClientCardView;
  } catch {
    return null;
  }
}
