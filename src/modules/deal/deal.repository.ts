import type { EntityManager } from 'typeorm';

import { PREMISES_LABEL_SQL, type DealLineKind } from './deal-summary.js';
import { DealLine } from './entities/deal-line.entity.js';
import { Deal } from './entities/deal.entity.js';

/** A line as the summary reads it: its kind, term, yearly cost and what it is. */
export interface DealSummaryRow {
  kind: DealLineKind;
  termYears: number;
  costPerYear: string;
  areaM2: string | null;
  name: string;
}

/** A line as the lines editor holds it: every value as form text. */
export interface DealLineFormRow {
  kind: string;
  premisesId: string;
  serviceTypeId: string;
  volume: string;
  termYears: string;
  costPerYear: string;
}

export interface PremisesChoiceRow {
  id: number;
  label: string;
}

export interface ServiceTypeRow {
  id: number;
  name: string;
  kind: string;
}

export interface ClientDealRow {
  id: number;
  kind: string;
  status: string;
  dealDate: string;
}

export interface OccupancyRow {
  premisesId: number;
  dealId: number;
  /** The last day taken, ISO. */
  until: string;
}

/** Premises of a deal already held, for overlapping dates, by another deal. */
export interface PremisesConflictRow {
  number: string;
  zone: string;
  dealId: number;
  until: string;
}

/**
 * The SQL of deals and their lines. It runs in the manager it is given, so inside the
 * transaction DealService holds.
 */
export class DealRepository {
  constructor(private readonly manager: EntityManager) {}

  create(deal: Partial<Deal>): Promise<Deal> {
    return this.manager.getRepository(Deal).save(deal);
  }

  find(dealId: number): Promise<Deal | null> {
    return this.manager.findOneBy(Deal, { id: dealId });
  }

  findOrFail(dealId: number): Promise<Deal> {
    return this.manager.findOneByOrFail(Deal, { id: dealId });
  }

  /** The deal locked for a change until the transaction ends. */
  lock(dealId: number): Promise<Deal | null> {
    return this.manager.findOne(Deal, { where: { id: dealId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(dealId: number, changes: Partial<Deal>): Promise<void> {
    await this.manager.update(Deal, { id: dealId }, changes);
  }

  lines(dealId: number): Promise<DealLine[]> {
    return this.manager.find(DealLine, { where: { dealId }, order: { position: 'ASC' } });
  }

  /** Replaces the deal's lines with these, in this order. */
  async replaceLines(dealId: number, lines: Omit<Partial<DealLine>, 'dealId' | 'position'>[]): Promise<void> {
    await this.manager.delete(DealLine, { dealId });
    for (const [position, line] of lines.entries()) {
      await this.manager.insert(DealLine, { ...line, dealId, position });
    }
  }

  /** Occupies the deal's premises from `startsOn` for each line's term. */
  async occupyPremises(dealId: number, startsOn: string): Promise<void> {
    await this.manager.query(
      `UPDATE deal_line SET occupancy = daterange($2::date, ($2::date + make_interval(years => term_years))::date)
       WHERE deal_id = $1 AND kind = 'premises'`,
      [dealId, startsOn],
    );
  }

  async freePremises(dealId: number): Promise<void> {
    await this.manager.update(DealLine, { dealId }, { occupancy: null });
  }

  /** The first of the deal's premises another deal holds for dates its terms from `startsOn` overlap. */
  async premisesConflict(dealId: number, startsOn: string): Promise<PremisesConflictRow | undefined> {
    const [conflict] = (await this.manager.query(
      `SELECT p.number, p.zone, other.deal_id AS "dealId", (upper(other.occupancy) - 1)::text AS until
       FROM deal_line mine
       JOIN deal_line other ON other.premises_id = mine.premises_id AND other.deal_id <> mine.deal_id
         AND other.occupancy && daterange($2::date, ($2::date + make_interval(years => mine.term_years))::date)
       JOIN premises p ON p.id = mine.premises_id
       WHERE mine.deal_id = $1 AND mine.kind = 'premises' LIMIT 1`,
      [dealId, startsOn],
    )) as PremisesConflictRow[];
    return conflict;
  }

  /** The department of active premises (its object type's), if there are such premises. */
  async premisesDepartment(premisesId: number | null): Promise<number | undefined> {
    const [row] = (await this.manager.query(
      `SELECT o.department_id AS "departmentId" FROM premises p JOIN object_type o ON o.id = p.object_type_id
       WHERE p.id = $1 AND p.active`,
      [premisesId],
    )) as { departmentId: number }[];
    return row?.departmentId;
  }

  /** The department of a service of this kind, if there is such a service. */
  async serviceDepartment(serviceTypeId: number | null, kind: DealLineKind): Promise<number | undefined> {
    const [row] = (await this.manager.query(
      `SELECT department_id AS "departmentId" FROM service_type WHERE id = $1 AND kind = $2`,
      [serviceTypeId, kind],
    )) as { departmentId: number }[];
    return row?.departmentId;
  }

  summaryLines(dealId: number): Promise<DealSummaryRow[]> {
    return this.manager.query(
      `SELECT l.kind::text AS kind, l.term_years AS "termYears", l.cost_per_year::text AS "costPerYear",
              p.area_m2::text AS "areaM2",
              COALESCE(s.name, ${PREMISES_LABEL_SQL}) AS name
       FROM deal_line l LEFT JOIN premises p ON p.id = l.premises_id LEFT JOIN service_type s ON s.id = l.service_type_id
       WHERE l.deal_id = $1 ORDER BY l.position`,
      [dealId],
    );
  }

  formLines(dealId: number): Promise<DealLineFormRow[]> {
    return this.manager.query(
      `SELECT kind::text AS kind, COALESCE(premises_id::text, '') AS "premisesId",
              COALESCE(service_type_id::text, '') AS "serviceTypeId", COALESCE(volume, '') AS volume,
              term_years::text AS "termYears", cost_per_year::text AS "costPerYear"
       FROM deal_line WHERE deal_id = $1 ORDER BY position`,
      [dealId],
    );
  }

  /** Active premises with a label naming the object, zone, sector, number and area. */
  premisesChoices(): Promise<PremisesChoiceRow[]> {
    return this.manager.query(
      `SELECT p.id, format('%s: зона %s, сектор %s, № %s, %s м²', o.name, p.zone, p.sector, p.number, p.area_m2) AS label
       FROM premises p JOIN object_type o ON o.id = p.object_type_id WHERE p.active ORDER BY o.name, p.zone, p.number`,
    );
  }

  serviceTypes(): Promise<ServiceTypeRow[]> {
    return this.manager.query(
      `SELECT id, name, kind::text AS kind FROM service_type ORDER BY position, name`,
    );
  }

  /** The deals of a client, newest first. */
  ofClient(clientId: number): Promise<ClientDealRow[]> {
    return this.manager.query(
      `SELECT id, kind::text AS kind, status::text AS status, deal_date::text AS "dealDate"
       FROM deal WHERE client_id = $1 ORDER BY deal_date DESC, id DESC`,
      [clientId],
    );
  }

  /** Per premises taken on `today` or later: the last day and the deal that takes it. */
  occupancy(today: string): Promise<OccupancyRow[]> {
    return this.manager.query(
      `SELECT DISTINCT ON (premises_id) premises_id AS "premisesId", deal_id AS "dealId",
              (upper(occupancy) - 1)::text AS until
       FROM deal_line WHERE occupancy IS NOT NULL AND upper(occupancy) > $1::date
       ORDER BY premises_id, upper(occupancy) DESC`,
      [today],
    );
  }
}
