import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import {
  calendarDate,
  DATE_FORMAT_ERROR,
  moscowToday,
  parseProcessingDate,
} from '../../common/moscow-date.js';
import { transactionWithRefusals } from '../../database/database-errors.js';
import { HistoryService } from '../client/history.service.js';
import { crmStaff, refuseNonStaffResponsible } from '../user/crm-staff.js';
import {
  buildDealSummary,
  kopecksToDecimal,
  PREMISES_LABEL_SQL,
  toKopecks,
  type DealLineKind,
  type DealSummary,
} from './deal-summary.js';
import { parseLines, type DealLineInput } from './deal-input.js';
import { assertDealAction } from './deal-transitions.js';
import { DealLine } from './entities/deal-line.entity.js';
import { clientDepartmentId, refuseOtherDepartment } from '../user/department-access.js';
import { Deal, dealKinds, type DealKind } from './entities/deal.entity.js';

export interface DealActor {
  id: number;
}

export const STALE_DEAL =
  'Сделку уже изменил другой пользователь. Обновите страницу, проверьте её и повторите действие.';

/**
 * Deals (SPEC §4): a draft is put together line by line, signed (then fixed, and its premises
 * occupied for their terms), closed when carried out, or cancelled (premises free again).
 * AdminJS and `/api/deals` call these methods; PostgreSQL backs the rules (CHECKs, the exclusion
 * constraint on occupancy).
 */
@Injectable()
export class DealService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: HistoryService,
  ) {}

  async create(
    clientId: number,
    input: { kind: unknown; dealDate?: unknown; startsOn?: unknown; responsibleUserId?: number | null },
    actor: DealActor,
  ): Promise<Deal> {
    const errors: Record<string, string> = {};
    const kind = dealKinds.includes(input.kind as DealKind) ? (input.kind as DealKind) : undefined;
    if (!kind) errors.kind = 'Выберите вид продажи: LOI или Договор';
    const dealDate = dateField(input.dealDate, 'dealDate', 'Дата сделки', errors);
    // A term may start later than the deal: any real date.
    const startsOn = input.startsOn ? calendarDate(input.startsOn) : dealDate;
    if (!startsOn) errors.startsOn = DATE_FORMAT_ERROR;
    if (Object.keys(errors).length > 0)
      throw new DomainError('deal.invalid_fields', 'Проверьте заполнение полей', { fields: errors });
    return transactionWithRefusals(this.dataSource, Deal, async (manager) => {
      const departmentId = await clientDepartmentId(manager, clientId);
      if (departmentId === undefined)
        throw new DomainError('deal.client_not_found', 'Клиент не найден', { status: 404 });
      await refuseOtherDepartment(manager, actor, departmentId);
      await refuseNonStaffResponsible(manager, input.responsibleUserId);
      return manager.getRepository(Deal).save({
        clientId,
        kind,
        status: 'draft',
        dealDate,
        startsOn: startsOn ?? dealDate,
        responsibleUserId: input.responsibleUserId ?? actor.id,
        total: '0',
      });
    });
  }

  /**
   * Replaces the lines of a draft with these (the deal page sends them all): each is checked
   * against its kind and the dictionaries; any problem refuses the whole change, per line and field.
   */
  async saveLines(dealId: number, body: unknown, actor: DealActor, expectedVersion?: number): Promise<Deal> {
    const lines = parseLines(body);
    return transactionWithRefusals(this.dataSource, DealLine, async (manager) => {
      const deal = await this.lockDeal(manager, dealId, actor, expectedVersion);
      assertDealAction('editLines', deal.status);
      const departments = await this.departmentsOf(manager, lines);
      await manager.delete(DealLine, { dealId });
      let total = 0n;
      for (const [index, line] of lines.entries()) {
        await manager.insert(DealLine, {
          ...line,
          dealId,
          position: index,
          departmentId: departments[index],
        });
        total += toKopecks(line.costPerYear) * BigInt(line.termYears);
      }
      await manager.update(
        Deal,
        { id: dealId },
        { total: kopecksToDecimal(total), version: deal.version + 1 },
      );
      return manager.findOneByOrFail(Deal, { id: dealId });
    });
  }

  /**
   * draft → signed: the deal needs lines; its premises are occupied from `startsOn` for each
   * line's term, refused when another signed deal holds them then. A signed contract is recorded
   * in the client's history.
   */
  async sign(dealId: number, actor: DealActor, expectedVersion?: number): Promise<Deal> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const deal = await this.lockDeal(manager, dealId, actor, expectedVersion);
        assertDealAction('sign', deal.status);
        const lines = await manager.findBy(DealLine, { dealId });
        if (lines.length === 0)
          throw new DomainError(
            'deal.no_lines',
            'Сделку без строк подписать нельзя: добавьте хотя бы одну строку',
          );
        await this.refuseTakenPremises(manager, deal);
        await manager.query(
          `UPDATE deal_line SET occupancy = daterange($2::date, ($2::date + make_interval(years => term_years))::date)
           WHERE deal_id = $1 AND kind = 'premises'`,
          [dealId, deal.startsOn],
        );
        await manager.update(
          Deal,
          { id: dealId },
          { status: 'signed', signedAt: new Date(), version: deal.version + 1 },
        );
        if (deal.kind === 'contract') {
          await this.history.recordDealSigned(manager, deal.clientId, dealId, actor);
        }
        return manager.findOneByOrFail(Deal, { id: dealId });
      });
    } catch (error) {
      // Another signing won the race for the same premises: the exclusion constraint refused.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
        throw new DomainError(
          'deal.premises_taken',
          'Помещение уже занято по другой подписанной сделке на эти даты',
          { status: 409 },
        );
      }
      throw error;
    }
  }

  /** signed → closed: carried out; the premises stay recorded as taken for the term. */
  async close(dealId: number, actor: DealActor, expectedVersion?: number): Promise<Deal> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lockDeal(manager, dealId, actor, expectedVersion);
      assertDealAction('close', deal.status);
      await manager.update(
        Deal,
        { id: dealId },
        { status: 'closed', closedAt: new Date(), version: deal.version + 1 },
      );
      return manager.findOneByOrFail(Deal, { id: dealId });
    });
  }

  /** draft or signed → cancelled: it will not happen; its premises are free again. */
  async cancel(dealId: number, actor: DealActor, expectedVersion?: number): Promise<Deal> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lockDeal(manager, dealId, actor, expectedVersion);
      assertDealAction('cancel', deal.status);
      await manager.update(DealLine, { dealId }, { occupancy: null });
      await manager.update(
        Deal,
        { id: dealId },
        { status: 'cancelled', cancelledAt: new Date(), version: deal.version + 1 },
      );
      return manager.findOneByOrFail(Deal, { id: dealId });
    });
  }

  /** A deal with its lines, or 404. */
  async find(dealId: number) {
    const deal = await this.dataSource.getRepository(Deal).findOneBy({ id: dealId });
    if (!deal) throw new DomainError('deal.not_found', 'Сделка не найдена', { status: 404 });
    const lines = await this.dataSource
      .getRepository(DealLine)
      .find({ where: { dealId }, order: { position: 'ASC' } });
    return { ...deal, lines };
  }

  /** «услуга/площадь, сумма, срок» per line and in total. */
  async summary(dealId: number): Promise<DealSummary> {
    const lines = (await this.dataSource.query(
      `SELECT l.kind::text AS kind, l.term_years AS "termYears", l.cost_per_year::text AS "costPerYear",
              p.area_m2::text AS "areaM2",
              COALESCE(s.name, ${PREMISES_LABEL_SQL}) AS name
       FROM deal_line l LEFT JOIN premises p ON p.id = l.premises_id LEFT JOIN service_type s ON s.id = l.service_type_id
       WHERE l.deal_id = $1 ORDER BY l.position`,
      [dealId],
    )) as {
      kind: DealLineKind;
      termYears: number;
      costPerYear: string;
      areaM2: string | null;
      name: string;
    }[];
    return buildDealSummary(lines);
  }

  /** What the lines editor needs: the deal's lines as the form holds them, and the choices. */
  async lineChoices(dealId: number) {
    const lines = (await this.dataSource.query(
      `SELECT kind::text AS kind, COALESCE(premises_id::text, '') AS "premisesId",
              COALESCE(service_type_id::text, '') AS "serviceTypeId", COALESCE(volume, '') AS volume,
              term_years::text AS "termYears", cost_per_year::text AS "costPerYear"
       FROM deal_line WHERE deal_id = $1 ORDER BY position`,
      [dealId],
    )) as Record<string, string>[];
    const taken = await this.occupancy();
    const premises = (
      (await this.dataSource.query(
        `SELECT p.id, format('%s: зона %s, сектор %s, № %s, %s м²', o.name, p.zone, p.sector, p.number, p.area_m2) AS label
         FROM premises p JOIN object_type o ON o.id = p.object_type_id WHERE p.active ORDER BY o.name, p.zone, p.number`,
      )) as { id: number; label: string }[]
    ).map((item) => ({
      ...item,
      occupiedUntil: taken.has(item.id) ? russianDate(taken.get(item.id)!.until) : null,
    }));
    const services = (await this.dataSource.query(
      `SELECT id, name, kind::text AS kind FROM service_type ORDER BY position, name`,
    )) as { id: number; name: string; kind: string }[];
    return {
      lines,
      premises,
      ved: services.filter((service) => service.kind === 'ved'),
      threePl: services.filter((service) => service.kind === '3pl'),
    };
  }

  /** Who may be responsible for a deal: active administrators and managers. */
  async responsibleChoices(): Promise<{ id: number; name: string }[]> {
    return crmStaff(this.dataSource.manager);
  }

  /** The deals of a client with their summaries, newest first (the client card shows them). */
  async ofClient(clientId: number) {
    const rows = (await this.dataSource.query(
      `SELECT id, kind::text AS kind, status::text AS status, deal_date::text AS "dealDate"
       FROM deal WHERE client_id = $1 ORDER BY deal_date DESC, id DESC`,
      [clientId],
    )) as { id: number; kind: string; status: string; dealDate: string }[];
    return Promise.all(
      rows.map(async (row) => {
        const { lines, total } = await this.summary(row.id);
        return { ...row, summary: { lines, total } };
      }),
    );
  }

  /** Which premises are taken now or later, and until when (the objects directory shows it). */
  async occupancy(): Promise<Map<number, { until: string; dealId: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (premises_id) premises_id AS "premisesId", deal_id AS "dealId",
              (upper(occupancy) - 1)::text AS until
       FROM deal_line WHERE occupancy IS NOT NULL AND upper(occupancy) > $1::date
       ORDER BY premises_id, upper(occupancy) DESC`,
      [moscowToday()],
    )) as { premisesId: number; dealId: number; until: string }[];
    return new Map(rows.map((row) => [row.premisesId, { until: row.until, dealId: row.dealId }]));
  }

  /** Names the deal that holds premises this one wants for overlapping dates. */
  private async refuseTakenPremises(manager: EntityManager, deal: Deal): Promise<void> {
    const [conflict] = (await manager.query(
      `SELECT p.number, p.zone, other.deal_id AS "dealId", (upper(other.occupancy) - 1)::text AS until
       FROM deal_line mine
       JOIN deal_line other ON other.premises_id = mine.premises_id AND other.deal_id <> mine.deal_id
         AND other.occupancy && daterange($2::date, ($2::date + make_interval(years => mine.term_years))::date)
       JOIN premises p ON p.id = mine.premises_id
       WHERE mine.deal_id = $1 AND mine.kind = 'premises' LIMIT 1`,
      [deal.id, deal.startsOn],
    )) as { number: string; zone: string; dealId: number; until: string }[];
    if (conflict) {
      throw new DomainError(
        'deal.premises_taken',
        `Помещение № ${conflict.number} (зона ${conflict.zone}) занято по сделке №${conflict.dealId} до ${russianDate(conflict.until)}`,
        { status: 409 },
      );
    }
  }

  /** The department of each line: its premises' object type's, or its service's; unknown ones refused. */
  private async departmentsOf(manager: EntityManager, lines: DealLineInput[]): Promise<number[]> {
    const errors: Record<string, string> = {};
    const departments: number[] = [];
    for (const [index, line] of lines.entries()) {
      if (line.kind === 'premises') {
        const [row] = (await manager.query(
          `SELECT o.department_id AS "departmentId" FROM premises p JOIN object_type o ON o.id = p.object_type_id
           WHERE p.id = $1 AND p.active`,
          [line.premisesId],
        )) as { departmentId: number }[];
        if (row) departments.push(row.departmentId);
        else errors[`lines.${index}.premisesId`] = 'Выберите помещение из справочника объектов';
      } else {
        const [row] = (await manager.query(
          `SELECT department_id AS "departmentId" FROM service_type WHERE id = $1 AND kind = $2`,
          [line.serviceTypeId, line.kind],
        )) as { departmentId: number }[];
        if (row) departments.push(row.departmentId);
        else {
          errors[`lines.${index}.serviceTypeId`] =
            line.kind === 'ved' ? 'Выберите услугу ВЭД из списка' : 'Выберите услугу 3PL из списка';
        }
      }
    }
    if (Object.keys(errors).length > 0)
      throw new DomainError('deal.invalid_lines', 'Проверьте строки сделки', { fields: errors });
    return departments;
  }

  /** The deal, locked for a change by `actor` (refused for another department's client or a stale page). */
  private async lockDeal(
    manager: EntityManager,
    dealId: number,
    actor: DealActor,
    expectedVersion?: number,
  ): Promise<Deal> {
    const deal = await manager.findOne(Deal, { where: { id: dealId }, lock: { mode: 'pessimistic_write' } });
    if (!deal) throw new DomainError('deal.not_found', 'Сделка не найдена', { status: 404 });
    await refuseOtherDepartment(manager, actor, (await clientDepartmentId(manager, deal.clientId)) ?? null);
    if (expectedVersion !== undefined && expectedVersion !== deal.version)
      throw new DomainError('deal.stale', STALE_DEAL, { status: 409 });
    return deal;
  }
}

function russianDate(isoDate: string): string {
  return isoDate.split('-').reverse().join('.');
}

/** A date of the deal that may not lie in the future (the deal's own date). */
function dateField(value: unknown, field: string, label: string, errors: Record<string, string>): string {
  try {
    return parseProcessingDate(value, field, label);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    Object.assign(errors, error.fields);
    return moscowToday();
  }
}
