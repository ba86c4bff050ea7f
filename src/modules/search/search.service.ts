import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { formatDate, formatMoney, formatPhone } from '../../common/ru-format.js';
import { dealKindLabels, dealStatusLabels } from '../deal/entities/deal.entity.js';
import { leadStatusLabels } from '../lead/lead-transitions.js';
import type { UserRole } from '../user/entities/user.entity.js';
import { planSearch, similarityThreshold, type SearchPlan } from './search-query.js';
import {
  findClients,
  findContacts,
  findDeals,
  findLeads,
  limitSearch,
  type ClientRow,
  type ContactRow,
  type DealRow,
  type LeadRow,
} from './search.repository.js';

export type SearchKind = 'leads' | 'clients' | 'contacts' | 'deals';

export const searchKindLabels: Record<SearchKind, string> = {
  leads: 'Лиды',
  clients: 'Клиенты',
  contacts: 'Контактные лица',
  deals: 'Сделки',
};

/** One record found: what to show and which record it opens. */
export interface SearchHit {
  title: string;
  subtitle: string;
  resource: 'Lead' | 'Client' | 'Deal';
  recordId: number;
}

export interface SearchResult {
  query: string;
  /** Why nothing was searched (search.query_too_short, search.query_too_long); null when searched. */
  code: string | null;
  /** Why nothing was searched (too short, too long), in Russian. */
  message: string | null;
  groups: { kind: SearchKind; label: string; hits: SearchHit[] }[];
}

export const SEARCH_FORBIDDEN = 'Поиск доступен администраторам и менеджерам.';
export const SEARCH_TIMEOUT = 'Поиск не уложился в отведённое время — уточните запрос.';

/** A stuck search is stopped rather than left holding a connection. */
const STATEMENT_TIMEOUT = '3s';

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

/**
 * «Поиск»: one box that finds leads, clients, their contact persons and deals by phone (any
 * format, or its last digits), e-mail, INN, record number, company name (typos forgiven) and
 * person name — for a manager whose client is on the phone. Managers find every department's
 * records (reading is not limited in this CRM); committee members and visitors are refused.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(raw: unknown, user: { role: UserRole } | undefined): Promise<SearchResult> {
    if (user?.role !== 'admin' && user?.role !== 'manager')
      throw new DomainError('search.forbidden', SEARCH_FORBIDDEN, { status: 403 });
    const planned = planSearch(raw);
    if ('message' in planned) return { query: typeof raw === 'string' ? raw : '', ...planned, groups: [] };
    const { plan } = planned;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const threshold = plan.words ? similarityThreshold(plan.words) : 0.5;
        await limitSearch(manager, { statementTimeout: STATEMENT_TIMEOUT, threshold });
        return { query: plan.text, code: null, message: null, groups: await this.groups(manager, plan) };
      });
    } catch (error) {
      // 57014: the statement timeout above.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '57014')
        throw new DomainError('search.timeout', SEARCH_TIMEOUT);
      throw error;
    }
  }

  private async groups(manager: EntityManager, plan: SearchPlan): Promise<SearchResult['groups']> {
    // A record found by two ways of matching comes once, where it was found first.
    const once = <Row extends { id: number }>(rows: Row[]) =>
      rows.filter((row, index) => rows.findIndex((other) => other.id === row.id) === index);
    const leads = once(await findLeads(manager, plan));
    const clients = once(await findClients(manager, plan));
    const contacts = await findContacts(manager, plan);
    // A calling client's deals: those of the cards found, directly or through a contact or a lead.
    const clientIds = [
      ...new Set([
        ...clients.map((client) => client.id),
        ...contacts.map((contact) => contact.clientId),
        ...leads.flatMap((lead) => (lead.clientId ? [lead.clientId] : [])),
      ]),
    ];
    const deals = await findDeals(manager, plan, clientIds);
    const group = (kind: SearchKind, hits: SearchHit[]) => ({ kind, label: searchKindLabels[kind], hits });
    return [
      group('leads', leads.map(leadHit)),
      group('clients', clients.map(clientHit)),
      group('contacts', contacts.map(contactHit)),
      group('deals', deals.map(dealHit)),
    ];
  }
}

const leadHit = (lead: LeadRow): SearchHit => ({
  title:
    lead.company ?? lead.name ?? lead.email ?? (lead.phone && formatPhone(lead.phone)) ?? `Лид №${lead.id}`,
  subtitle: join(
    `№${lead.id}`,
    leadStatusLabels[lead.status],
    lead.department,
    lead.company ? lead.name : null,
    lead.phone && formatPhone(lead.phone),
    lead.email,
  ),
  resource: 'Lead',
  recordId: lead.id,
});

const clientHit = (client: ClientRow): SearchHit => ({
  title: client.companyName,
  subtitle: join(
    `№${client.id}`,
    client.stage,
    client.department,
    client.inn ? `ИНН ${client.inn}` : null,
    client.phone && formatPhone(client.phone),
    client.email,
  ),
  resource: 'Client',
  recordId: client.id,
});

const contactHit = ({ clientId, companyName, person }: ContactRow): SearchHit => ({
  title:
    [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ') ||
    (person.phone && formatPhone(person.phone)) ||
    person.email ||
    'Контактное лицо без ФИО',
  subtitle: join(
    `клиент «${companyName}»`,
    person.position,
    person.phone && formatPhone(person.phone),
    person.email,
  ),
  resource: 'Client',
  recordId: clientId,
});

const dealHit = (deal: DealRow): SearchHit => ({
  title: `Сделка №${deal.id} · ${deal.companyName}`,
  subtitle: join(
    dealKindLabels[deal.kind],
    dealStatusLabels[deal.status],
    `от ${formatDate(deal.dealDate)}`,
    formatMoney(deal.total),
  ),
  resource: 'Deal',
  recordId: deal.id,
});
