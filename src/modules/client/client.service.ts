import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { moscowToday } from '../../common/moscow-date.js';
import { transactionWithRefusals } from '../../database/database-errors.js';
import type { Lead } from '../lead/entities/lead.entity.js';
import { refuseNonStaffResponsible } from '../user/crm-staff.js';
import { PipelineService, type PipelineMap, type PipelineStage } from '../pipeline/pipeline.service.js';
import { clientDepartmentId, refuseOtherDepartment } from '../user/department-access.js';
import { AttachmentStorage } from './attachments.js';
import {
  describe,
  explain,
  type DuplicateCriteria,
  type ExplainedDuplicate,
  type PossibleDuplicate,
} from './client-duplicates.js';
import { parseClientInput, type ClientInput } from './client-input.js';
import { recorder, STALE_CLIENT } from './client-status.service.js';
import {
  ClientRepository,
  type ClientHistoryRow,
  type ClientLeadRow,
  type ClientStatusRow,
  type ClientTimelineRow,
} from './client.repository.js';
import { Client, LEAD_SOURCE_LABEL } from './entities/client.entity.js';
import { HistoryService } from './history.service.js';
import { splitPersonName } from './person-name.js';

export interface ClientActor {
  id: number;
}

/** What a card's page shows beside its fields (ClientService.card). */
export interface ClientCard {
  status: ClientStatusRow;
  timeline: ClientTimelineRow[];
  history: ClientHistoryRow[];
  leads: ClientLeadRow[];
}

/** What to do with a lead processed with «Преобразовать в клиента» when similar cards exist. */
export type ConversionChoice = 'new' | number;

/**
 * Client cards (docs/product.md §2): made from a lead («Преобразовать в клиента») or by hand, edited here;
 * the status lives in ClientStatusService. Possible duplicates (same INN, phone or e-mail, or a
 * very similar name) are shown before a card is made; a second card with the same INN never is.
 */
@Injectable()
export class ClientService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
    private readonly history: HistoryService,
    private readonly storage: AttachmentStorage,
  ) {}

  /**
   * Called by LeadService.finishProcessing inside its transaction when the outcome is
   * «Преобразовать в клиента»: makes the card from the lead (source «Форма обратной связи», the
   * conversion date, company, the contact person's name split into «Фамилия Имя Отчество»
   * (person-name.ts), phone, e-mail, department), or links the lead to an existing
   * card when the manager chose one. With possible duplicates and no choice it refuses (409) and
   * lists them, so that the manager decides.
   */
  async createFromLead(
    manager: EntityManager,
    lead: Lead,
    choice?: ConversionChoice,
    actor: ClientActor | null = null,
  ): Promise<number> {
    if (typeof choice === 'number') {
      const departmentId = await clientDepartmentId(manager, choice);
      if (departmentId === undefined) {
        throw new DomainError('client.choice_not_found', 'Выбранный клиент не найден', {
          fields: {
            clientChoice: 'Выберите клиента из списка',
          },
        });
      }
      // Linking writes on the card (the lead and an event in its history): its department's change.
      await refuseOtherDepartment(manager, actor, departmentId);
      await new ClientRepository(manager).linkLead(choice, lead.id);
      await this.history.recordLeadLinked(manager, choice, lead, actor);
      return choice;
    }
    const companyName = lead.company?.trim() || lead.name?.trim() || `Лид №${lead.id}`;
    if (choice !== 'new') {
      const duplicates = await this.duplicatesOfLead(manager, lead);
      if (duplicates.length > 0) {
        throw new DomainError(
          'client.duplicate',
          'Похоже, этот клиент уже есть в базе. Привяжите лид к существующей карточке или создайте новую.',
          {
            status: 409,
            fields: { clientChoice: 'Выберите: привязать к существующему клиенту или создать нового' },
            details: { duplicates },
          },
        );
      }
    }
    const pipelineId = await this.pipelines.pipelineOf(manager, null);
    const map = await this.pipelines.load(manager, pipelineId);
    const first = startStage(map);
    const person = splitPersonName(lead.name);
    const clients = new ClientRepository(manager);
    const client = await clients.create({
      // The conversion date: the «Дата обработки» of the processing that converted the lead.
      addedOn: lead.summaryDate ?? moscowToday(),
      source: LEAD_SOURCE_LABEL,
      createdFromLeadId: lead.id,
      companyName: companyName.slice(0, 300),
      departmentId: lead.departmentId!,
      responsibleUserId: lead.responsibleUserId ?? actor?.id ?? null,
      phone: lead.phone,
      email: lead.email?.toLowerCase() ?? null,
      // The lead's «Имя» as «Фамилия», «Имя», «Отчество» (person-name.ts).
      fullNameEnabled: person !== null,
      contacts: person ? [{ ...person, position: null, phone: lead.phone, email: lead.email }] : [],
      pipelineId,
      stageId: first.id,
      stageKind: first.kind,
      stageItemId: null,
    });
    await clients.linkLead(client.id, lead.id);
    await recorder(manager, client.id, actor)(
      'created',
      null,
      { stage: first, itemName: null },
      `Из лида №${lead.id}`,
    );
    await this.history.recordConversion(manager, client, lead, actor);
    return client.id;
  }

  /**
   * A card made by hand. The same INN as another card is refused; other possible duplicates are
   * shown and the card is made only once the manager confirms it is another client.
   */
  async create(body: unknown, actor: ClientActor & { departmentId?: number | null }): Promise<Client> {
    const input = parse(body);
    const confirmed = isTicked(field(body, 'confirmNotDuplicate'));
    if (!input.source) {
      throw new DomainError('client.invalid_fields', 'Проверьте заполнение полей', {
        fields: { source: 'Укажите, откуда пришёл контакт' },
      });
    }
    const departmentId = input.departmentId ?? actor.departmentId ?? null;
    if (departmentId === null) {
      throw new DomainError('client.invalid_fields', 'Проверьте заполнение полей', {
        fields: { departmentId: 'Выберите отдел' },
      });
    }
    return this.write(async (manager) => {
      await refuseOtherDepartment(manager, actor, departmentId);
      await this.refuseSameInn(manager, input.inn);
      await refuseNonStaffResponsible(manager, input.responsibleUserId);
      if (!confirmed) {
        const duplicates = await this.findDuplicates(manager, input);
        if (duplicates.length > 0) {
          throw new DomainError(
            'client.duplicate',
            `Похоже, этот клиент уже есть: ${describe(duplicates)}. Если это другой клиент, отметьте «Это другой клиент» и сохраните снова.`,
            {
              status: 409,
              fields: { confirmNotDuplicate: 'Проверьте похожие карточки' },
              details: { duplicates: explain(duplicates) },
            },
          );
        }
      }
      const pipelineId = await this.pipelines.pipelineOf(manager, input.sectorId);
      const first = startStage(await this.pipelines.load(manager, pipelineId));
      const client = await new ClientRepository(manager).create({
        ...cardFields(input),
        addedOn: moscowToday(),
        source: input.source!,
        departmentId,
        responsibleUserId: input.responsibleUserId ?? actor.id,
        pipelineId,
        stageId: first.id,
        stageKind: first.kind,
        stageItemId: null,
      });
      await recorder(manager, client.id, actor)('created', null, { stage: first, itemName: null }, null);
      return client;
    });
  }

  /**
   * Edits the card. A sector whose pipeline differs moves the status to the new pipeline: the
   * stage of the same name, else the open stage at the same place in the order (the last open one
   * at most); «Договор подписан» and «Не активен» map to their counterparts; the detail item is kept
   * only when the new stage has one of the same name.
   */
  async update(id: number, body: unknown, actor: ClientActor, expectedVersion?: number): Promise<Client> {
    const input = parse(body);
    return this.write(async (manager) => {
      const clients = new ClientRepository(manager);
      const client = await clients.lock(id);
      if (!client) throw new DomainError('client.not_found', 'Клиент не найден', { status: 404 });
      await refuseOtherDepartment(manager, actor, client.departmentId);
      // Handing a card to another department is that department's change too.
      if (input.departmentId !== null && input.departmentId !== client.departmentId)
        await refuseOtherDepartment(manager, actor, input.departmentId);
      if (expectedVersion !== undefined && expectedVersion !== client.version)
        throw new DomainError('client.stale', STALE_CLIENT, { status: 409 });
      if (client.createdFromLeadId !== null && input.source !== null && input.source !== client.source) {
        throw new DomainError('client.lead_source_fixed', 'Проверьте заполнение полей', {
          fields: {
            source: `У карточки из лида источник — «${LEAD_SOURCE_LABEL}», он не меняется`,
          },
        });
      }
      await this.refuseSameInn(manager, input.inn, id);
      if (input.responsibleUserId !== client.responsibleUserId) {
        await refuseNonStaffResponsible(manager, input.responsibleUserId);
      }
      const changes: Partial<Client> = {
        ...cardFields(input),
        source: client.createdFromLeadId !== null ? client.source : (input.source ?? client.source),
        departmentId: input.departmentId ?? client.departmentId,
        responsibleUserId: input.responsibleUserId,
        version: client.version + 1,
      };
      // The status moves only when the manager picks a sector of another pipeline.
      const pipelineId =
        input.sectorId === client.sectorId
          ? client.pipelineId
          : await this.pipelines.pipelineOf(manager, input.sectorId);
      if (pipelineId !== client.pipelineId) {
        Object.assign(changes, await this.movePipeline(manager, client, pipelineId, actor));
      }
      await clients.update(id, changes);
      return clients.findOrFail(id);
    });
  }

  /**
   * Everything the card's page shows beside its fields: the status with its hint, the status
   * timeline, the history (newest first) and the leads linked to the card.
   */
  async card(id: number): Promise<ClientCard> {
    const clients = new ClientRepository(this.dataSource.manager);
    const status = await clients.status(id);
    if (!status) throw new DomainError('client.not_found', 'Клиент не найден', { status: 404 });
    const timeline = await clients.timeline(id);
    const history = await clients.history(id);
    const leads = await clients.leads(id);
    return { status, timeline, history, leads };
  }

  /** «Профиль клиента» values with the descriptions shown beside the select. */
  async sectorDescriptions(): Promise<{ id: number; name: string; description: string }[]> {
    return new ClientRepository(this.dataSource.manager).sectors();
  }

  /**
   * Deletes a card with its timeline and history (administrators only); the files of its history
   * go from the disk once the deletion is committed. Leads linked to it keep their data.
   */
  async remove(id: number): Promise<void> {
    const keys = await this.write(async (manager) => {
      const clients = new ClientRepository(manager);
      const keys = await clients.lockForRemoval(id);
      if (!(await clients.remove(id)))
        throw new DomainError('client.not_found', 'Клиент не найден', { status: 404 });
      return keys;
    });
    await Promise.all(keys.map((key) => this.storage.delete(key)));
  }

  /**
   * Cards that may be the client a lead converts to, as «Завершить обработку» shows them (with
   * why each looks so): the same the conversion refuses to pass without the manager's choice.
   */
  async duplicatesOfLead(manager: EntityManager, lead: Lead): Promise<ExplainedDuplicate[]> {
    const criteria = { phone: lead.phone, email: lead.email, companyName: lead.company };
    return explain(await this.findDuplicates(manager, criteria));
  }

  /** Cards that may be the same client (client-duplicates.ts). */
  findDuplicates(
    manager: EntityManager,
    criteria: DuplicateCriteria,
    excludeId?: number,
  ): Promise<PossibleDuplicate[]> {
    return new ClientRepository(manager).duplicates(criteria, excludeId);
  }

  /** Never two cards with one INN: the refusal names the card that has it. */
  private async refuseSameInn(manager: EntityManager, inn: string | null, excludeId?: number): Promise<void> {
    if (!inn) return;
    const other = await new ClientRepository(manager).withInn(inn, excludeId);
    if (other) {
      throw new DomainError('client.inn_taken', 'Проверьте заполнение полей', {
        fields: {
          inn: `Клиент с ИНН ${inn} уже есть: «${other.companyName}» (№${other.id})`,
        },
      });
    }
  }

  private async movePipeline(
    manager: EntityManager,
    client: Client,
    pipelineId: number,
    actor: ClientActor,
  ): Promise<Partial<Client>> {
    const from = await this.pipelines.load(manager, client.pipelineId);
    const to = await this.pipelines.load(manager, pipelineId);
    const fromStage = from.stage(client.stageId)!;
    const stage = mapStage(fromStage, from, to);
    const fromItem = fromStage.items.find((item) => item.id === client.stageItemId)?.name ?? null;
    const item = stage.items.find((candidate) => candidate.name === fromItem) ?? null;
    const resume = client.resumeStageId !== null ? from.stage(client.resumeStageId) : undefined;
    const resumeStage = resume ? mapStage(resume, from, to) : null;
    await recorder(manager, client.id, actor)(
      'pipeline_changed',
      { stage: fromStage, itemName: fromItem },
      { stage, itemName: item?.name ?? null },
      'Профиль клиента сменил воронку',
    );
    return {
      pipelineId,
      stageId: stage.id,
      stageKind: stage.kind,
      stageItemId: item?.id ?? null,
      resumeStageId: stage.kind === 'lost' ? (resumeStage?.id ?? to.first?.id ?? null) : null,
      resumeStageItemId: null,
    };
  }

  /** Runs a card write; PostgreSQL's refusals (unique INN in a race, CHECKs) become Russian field messages. */
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return transactionWithRefusals(this.dataSource, Client, work);
  }
}

function parse(body: unknown): ClientInput {
  const parsed = parseClientInput(body);
  if (!parsed.ok)
    throw new DomainError('client.invalid_fields', 'Проверьте заполнение полей', { fields: parsed.errors });
  return parsed.value;
}

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null && Object.hasOwn(body, name)
    ? (body as Record<string, unknown>)[name]
    : undefined;

const isTicked = (value: unknown) => value === true || value === 'true' || value === 'on' || value === '1';

/** The card's own fields from the input (blocks not ticked are already cleared by the parser). */
function cardFields(input: ClientInput): Partial<Client> {
  const { source: _source, departmentId: _departmentId, responsibleUserId: _responsible, ...fields } = input;
  return fields;
}

function startStage(map: PipelineMap): PipelineStage {
  const first = map.first;
  if (!first)
    throw new DomainError(
      'client.pipeline_no_open_stage',
      'В воронке нет начального этапа «Новый»: проверьте справочник «Воронки»',
    );
  return first;
}

/** The stage of the new pipeline that corresponds to one of the old (see ClientService.update). */
function mapStage(stage: PipelineStage, from: PipelineMap, to: PipelineMap): PipelineStage {
  const sameName = to.stages.find((candidate) => candidate.name === stage.name);
  if (sameName) return sameName;
  if (stage.kind === 'won' && to.won) return to.won;
  if (stage.kind === 'lost' && to.lost) return to.lost;
  const index = Math.max(
    0,
    from.open.findIndex((candidate) => candidate.id === stage.id),
  );
  const mapped = to.open[Math.min(index, to.open.length - 1)] ?? to.first;
  if (!mapped)
    throw new DomainError(
      'client.pipeline_no_open_stage',
      'В воронке нового профиля нет рабочих этапов: проверьте справочник «Воронки»',
    );
  return mapped;
}
