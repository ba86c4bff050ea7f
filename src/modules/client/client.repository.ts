import type { EntityManager } from 'typeorm';

import type { DuplicateCriteria, PossibleDuplicate } from './client-duplicates.js';
import { ClientStatusChange } from './entities/client-status-change.entity.js';
import { Client } from './entities/client.entity.js';

/** The status block of a card's page: pipeline, stage with its hint, detail item and the follow-up. */
export interface ClientStatusRow {
  pipeline: string;
  stage: string;
  stageKind: string;
  hint: string;
  item: string | null;
  inactiveReason: string | null;
  depositPaid: boolean | null;
  acceptanceActSigned: boolean | null;
  sectorDescription: string | null;
}

/** One line of the status timeline with the name of who made it. */
export interface ClientTimelineRow {
  /** A Date here, an ISO string once the page has it. */
  at: Date | string;
  kind: string;
  fromStage: string | null;
  fromItem: string | null;
  toStage: string;
  toItem: string | null;
  remark: string | null;
  user: string | null;
}

/** One event of the client's history with its type's and author's names and its files. */
export interface ClientHistoryRow {
  id: number;
  eventDate: string;
  type: string;
  comment: string;
  automatic: boolean;
  user: string | null;
  fileKeys: string[];
  fileNames: string[];
}

export interface ClientLeadRow {
  id: number;
  createdAt: Date | string;
  name: string | null;
  company: string | null;
}

export interface SectorRow {
  id: number;
  name: string;
  description: string;
}

/** A line of client_status_change as ClientStatusService writes it. */
export type StatusChangeRow = Pick<
  ClientStatusChange,
  | 'clientId'
  | 'kind'
  | 'fromStage'
  | 'fromItem'
  | 'toStage'
  | 'toItem'
  | 'toStageId'
  | 'toStageItemId'
  | 'remark'
  | 'userId'
>;

/**
 * The SQL of client cards and their status timeline. It runs in the manager it is given, so
 * inside the transaction ClientService or ClientStatusService holds.
 */
export class ClientRepository {
  constructor(private readonly manager: EntityManager) {}

  create(client: Partial<Client>): Promise<Client> {
    return this.manager.getRepository(Client).save(client);
  }

  find(id: number): Promise<Client | null> {
    return this.manager.findOneBy(Client, { id });
  }

  findOrFail(id: number): Promise<Client> {
    return this.manager.findOneByOrFail(Client, { id });
  }

  /** The card locked for a change until the transaction ends. */
  lock(id: number): Promise<Client | null> {
    return this.manager.findOne(Client, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: number, changes: Partial<Client>): Promise<void> {
    await this.manager.update(Client, { id }, changes);
  }

  /** Marks the lead as the card's (a conversion or a link to an existing card). */
  async linkLead(clientId: number, leadId: number): Promise<void> {
    await this.manager.query('UPDATE lead SET client_id = $1 WHERE id = $2', [clientId, leadId]);
  }

  async recordStatusChange(change: StatusChangeRow): Promise<void> {
    await this.manager.insert(ClientStatusChange, change);
  }

  /**
   * Cards that may be the same client: same INN, phone (also a contact's) or e-mail, or a very
   * similar name — the database function `client_duplicates` (client-duplicates.sql.ts), whose
   * plan PostgreSQL keeps for the session: an import asks this for every row.
   */
  async duplicates(criteria: DuplicateCriteria, excludeId?: number): Promise<PossibleDuplicate[]> {
    const present = (values: (string | null | undefined)[]) => [
      ...new Set(values.filter((value): value is string => Boolean(value))),
    ];
    const phones = present([criteria.phone, ...(criteria.contacts ?? []).map((person) => person.phone)]);
    const emails = present(
      [criteria.email, ...(criteria.contacts ?? []).map((person) => person.email)].map(
        (email) => email?.trim().toLowerCase() || null,
      ),
    );
    return (await this.manager.query(
      `SELECT id, company_name AS "companyName", inn, phone, email, reasons
       FROM client_duplicates($1, $2, $3, $4, $5)`,
      [criteria.inn ?? null, phones, emails, criteria.companyName?.trim() || null, excludeId ?? 0],
    )) as PossibleDuplicate[];
  }

  /** Another card with this INN, if there is one. */
  async withInn(inn: string, excludeId?: number): Promise<{ id: number; companyName: string } | undefined> {
    const [other] = (await this.manager.query(
      'SELECT id, company_name AS "companyName" FROM client WHERE inn = $1 AND id <> $2',
      [inn, excludeId ?? 0],
    )) as { id: number; companyName: string }[];
    return other;
  }

  async status(id: number): Promise<ClientStatusRow | undefined> {
    const [status] = (await this.manager.query(
      `SELECT p.name AS pipeline, s.name AS stage, s.kind::text AS "stageKind", s.hint, i.name AS item,
              c.inactive_reason AS "inactiveReason", c.deposit_paid AS "depositPaid",
              c.acceptance_act_signed AS "acceptanceActSigned", cs.description AS "sectorDescription"
       FROM client c JOIN pipeline p ON p.id = c.pipeline_id JOIN stage s ON s.id = c.stage_id
       LEFT JOIN stage_item i ON i.id = c.stage_item_id LEFT JOIN client_sector cs ON cs.id = c.sector_id
       WHERE c.id = $1`,
      [id],
    )) as ClientStatusRow[];
    return status;
  }

  /** The status timeline, newest first. */
  timeline(id: number): Promise<ClientTimelineRow[]> {
    return this.manager.query(
      `SELECT c.changed_at AS "at", c.kind::text AS kind, c.from_stage AS "fromStage", c.from_item AS "fromItem",
              c.to_stage AS "toStage", c.to_item AS "toItem", c.remark, u.full_name AS "user"
       FROM client_status_change c LEFT JOIN app_user u ON u.id = c.user_id
       WHERE c.client_id = $1 ORDER BY c.changed_at DESC, c.id DESC`,
      [id],
    );
  }

  /** The history, newest first. */
  history(id: number): Promise<ClientHistoryRow[]> {
    return this.manager.query(
      `SELECT e.id, e.event_date::text AS "eventDate", t.name AS type, e.comment, e.automatic, u.full_name AS "user",
              e.attachment_keys AS "fileKeys", e.attachment_names AS "fileNames"
       FROM history_event e JOIN history_event_type t ON t.id = e.type_id LEFT JOIN app_user u ON u.id = e.user_id
       WHERE e.client_id = $1 ORDER BY e.event_date DESC, e.id DESC`,
      [id],
    );
  }

  leads(id: number): Promise<ClientLeadRow[]> {
    return this.manager.query(
      `SELECT id, created_at AS "createdAt", name, company FROM lead WHERE client_id = $1 ORDER BY id`,
      [id],
    );
  }

  sectors(): Promise<SectorRow[]> {
    return this.manager.query('SELECT id, name, description FROM client_sector ORDER BY position, name');
  }

  /**
   * Locks the card and its history events for its deletion and returns the keys of their files:
   * the card's lock keeps new events out, the events' locks wait for files being added to them.
   */
  async lockForRemoval(id: number): Promise<string[]> {
    await this.manager.query('SELECT 1 FROM client WHERE id = $1 FOR UPDATE', [id]);
    const rows = (await this.manager.query(
      'SELECT attachment_keys AS keys FROM history_event WHERE client_id = $1 FOR UPDATE',
      [id],
    )) as { keys: string[] }[];
    return rows.flatMap((row) => row.keys);
  }

  /** Deletes the card (its timeline and history go with it); false when there was none. */
  async remove(id: number): Promise<boolean> {
    const result = await this.manager.delete(Client, { id });
    return Boolean(result.affected);
  }
}
