import type { RecordJSON } from 'adminjs';

/** What the show action puts in `params.clientCard` (ClientService.card), as the components read it. */
export interface ClientCardView {
  status: {
    pipeline: string;
    stage: string;
    stageKind: string;
    hint: string;
    item: string | null;
    inactiveReason: string | null;
    depositPaid: boolean | null;
    acceptanceActSigned: boolean | null;
    sectorDescription: string | null;
  };
  timeline: {
    at: string;
    kind: string;
    fromStage: string | null;
    fromItem: string | null;
    toStage: string;
    toItem: string | null;
    remark: string | null;
    user: string | null;
  }[];
  history: {
    id: number;
    eventDate: string;
    type: string;
    comment: string;
    automatic: boolean;
    user: string | null;
    fileKeys: string[];
    fileNames: string[];
  }[];
  leads: { id: number; createdAt: string; name: string | null; company: string | null }[];
}

export function readCard(record: RecordJSON | undefined): ClientCardView | null {
  try {
    return JSON.parse(String(record?.params?.clientCard ?? '')) as ClientCardView;
  } catch {
    return null;
  }
}
