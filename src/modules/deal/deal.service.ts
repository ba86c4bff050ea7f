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
import { buildDealSummary, kopecksToDecimal, toKopecks, type DealSummary } from './deal-summary.js';
import { parseLines, type DealLineInput } from './deal-input.js';
import { DealRepository } from './deal.repository.js';
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
 * Deals (docs/product.md §4): a draft is put together line by line, signed (then fixed, and its premises
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
      return new DealRepository(manager).create({
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
      const deals = new DealRepository(manager);
      const departments = await this.departmentsOf(deals, lines);
      await deals.replaceLines(
        dealId,
        lines.map((line, index) => ({ ...line, departmentId: departments[index] })),
      );
      const total = lines.reduce(
        (sum, line) => sum + toKopecks(line.costPerYear) * BigInt(line.termYears),
        0n,
      );
      await deals.update(dealId, { total: kopecksToDecimal(total), version: deal.version + 1 });
      return deals.findOrFail(dealId);
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
        const deals = new DealRepository(manager);
        const lines = await deals.lines(dealId);
        if (lines.length === 0)
          throw new DomainError(
            'deal.no_lines',
            'Сделку без строк подписать нельзя: добавьте хотя бы одну строку',
          );
        await this.refuseTakenPremises(deals, deal);
        await deals.occupyPremises(dealId, deal.startsOn);
        await deals.update(dealId, { status: 'signed', signedAt: new Date(), version: deal.version + 1 });
        if (deal.kind === 'contract') {
          await this.history.recordDealSigned(manager, deal.clientId, dealId, actor);
        }
        return deals.findOrFail(dealId);
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
      const deals = new DealRepository(manager);
      await deals.update(dealId, { status: 'closed', closedAt: new Date(), version: deal.version + 1 });
      return deals.findOrFail(dealId);
    });
  }

  /** draft or signed → cancelled: it will not happen; its premises are free again. */
  async cancel(dealId: number, actor: DealActor, expectedVersion?: number): Promise<Deal> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lockDeal(manager, dealId, actor, expectedVersion);
      assertDealAction('cancel', deal.status);
      const deals = new DealRepository(manager);
      await deals.freePremises(dealId);
      await deals.update(dealId, { status: 'cancelled', cancelledAt: new Date(), version: deal.version + 1 });
      return deals.findOrFail(dealId);
    });
  }

  /** A deal with its lines, or 404. */
  async find(dealId: number) {
    const deals = this.reads();
    const deal = await deals.find(dealId);
    if (!deal) throw new DomainError('deal.not_found', 'Сделка не найдена', { status: 404 });
    return { ...deal, lines: await deals.lines(dealId) };
  }

  /** «услуга/площадь, сумма, срок» per line and in total. */
  async summary(dealId: number): Promise<DealSummary> {
    const lines = await this.reads().summaryLines(dealId);
    return buildDealSummary(lines);
  }

  /** What the lines editor needs: the deal's lines as the form holds them, and the choices. */
  async lineChoices(dealId: number) {
    const deals = this.reads();
    const lines = await deals.formLines(dealId);
    const taken = await this.occupancy();
    const premises = (await deals.premisesChoices()).map((item) => ({
      ...item,
      occupiedUntil: taken.has(item.id) ? russianDate(taken.get(item.id)!.until) : null,
    }));
    const services = await deals.serviceTypes();
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
    const rows = await this.reads().ofClient(clientId);
    return Promise.all(
      rows.map(async (row) => {
        const { lines, total } = await this.summary(row.id);
        return { ...row, summary: { lines, total } };
      }),
    );
  }

  /** Which premises are taken now or later, and until when (the objects directory shows it). */
  async occupancy(): Promise<Map<number, { until: string; dealId: number }>> {
    const rows = await this.reads().occupancy(moscowToday());
    return new Map(rows.map((row) => [row.premisesId, { until: row.until, dealId: row.dealId }]));
  }

  /** Reads outside a transaction. */
  private reads(): DealRepository {
    return new DealRepository(this.dataSource.manager);
  }

  /** Names the deal that holds premises this one wants for overlapping dates. */
  private async refuseTakenPremises(deals: DealRepository, deal: Deal): Promise<void> {
    const conflict = await deals.premisesConflict(deal.id, deal.startsOn);
    if (conflict) {
      throw new DomainError(
        'deal.premises_taken',
        `Помещение № ${conflict.number} (зона ${conflict.zone}) занято по сделке №${conflict.dealId} до ${russianDate(conflict.until)}`,
        { status: 409 },
      );
    }
  }

  /** The department of each line: its premises' object type's, or its service's; unknown ones refused. */
  private async departmentsOf(deals: DealRepository, lines: DealLineInput[]): Promise<number[]> {
    const errors: Record<string, string> = {};
    const departments: number[] = [];
    for (const [index, line] of lines.entries()) {
      if (line.kind === 'premises') {
        const departmentId = await deals.premisesDepartment(line.premisesId);
        if (departmentId !== undefined) departments.push(departmentId);
        else errors[`lines.${index}.premisesId`] = 'Выберите помещение из справочника объектов';
      } else {
        const departmentId = await deals.serviceDepartment(line.serviceTypeId, line.kind);
        if (departmentId !== undefined) departments.push(departmentId);
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
    const deal = await new DealRepository(manager).lock(dealId);
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
