import type { EntityManager } from 'typeorm';

import type { ContactPerson } from '../client/entities/client.entity.js';
import type { DealKind, DealStatus } from '../deal/entities/deal.entity.js';
import type { LeadStatus } from '../lead/lead-transitions.js';
import type { SearchPlan } from './search-query.js';
import { clientsSql, contactsSql, dealsSql, leadsSql } from './search-sql.js';

/**
 * The search's reads: each runs one statement of search-sql.ts in the caller's transaction and
 * gives its typed rows (none when the plan has nothing to look for in that kind).
 */

export interface LeadRow {
  id: number;
  status: LeadStatus;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  clientId: number | null;
  department: string | null;
}
export interface ClientRow {
  id: number;
  companyName: string;
  inn: string | null;
  phone: string | null;
  email: string | null;
  stage: string;
  department: string;
}
export interface ContactRow {
  clientId: number;
  companyName: string;
  person: Partial<ContactPerson>;
}
export interface DealRow {
  id: number;
  kind: DealKind;
  status: DealStatus;
  dealDate: string;
  total: string;
  companyName: string;
}

type Statement = { sql: string; parameters: unknown[] } | undefined;

async function rows<Row>(manager: EntityManager, statement: Statement): Promise<Row[]> {
  if (!statement) return [];
  const found: Row[] = await manager.query(statement.sql, statement.parameters);
  return found;
}

/**
 * Bounds the rest of the transaction: a stuck search is stopped after `statementTimeout`, the
 * planner uses the indexes (every branch has one; a sequential scan would only be it misjudging
 * how many rows a trigram condition keeps), and typos are forgiven up to `threshold`.
 */
export async function limitSearch(
  manager: EntityManager,
  { statementTimeout, threshold }: { statementTimeout: string; threshold: number },
): Promise<void> {
  await manager.query(
    `SET LOCAL statement_timeout = '${statementTimeout}'; SET LOCAL enable_seqscan = off;
     SET LOCAL pg_trgm.word_similarity_threshold = ${Number(threshold)}`,
  );
}

export const findLeads = (manager: EntityManager, plan: SearchPlan) => rows<LeadRow>(manager, leadsSql(plan));
export const findClients = (manager: EntityManager, plan: SearchPlan) =>
  rows<ClientRow>(manager, clientsSql(plan));
export const findContacts = (manager: EntityManager, plan: SearchPlan) =>
  rows<ContactRow>(manager, contactsSql(plan));
export const findDeals = (manager: EntityManager, plan: SearchPlan, clientIds: number[]) =>
  rows<DealRow>(manager, dealsSql(plan, clientIds));
