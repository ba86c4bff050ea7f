import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { transactionWithRefusals } from '../../database/database-errors.js';
import type { PipelineMap, PipelineStage } from '../pipeline/pipeline.service.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import type { ClientStatusChangeKind } from './entities/client-status-change.entity.js';
import { ClientRepository } from './client.repository.js';
import { Client } from './entities/client.entity.js';
import { HistoryService } from './history.service.js';
import {
  assertClientAction,
  assertStageTarget,
  canClient,
  canPassStage,
  chosenItem,
  isAhead,
} from './client-transitions.js';
import { cleanText } from '../../common/input-values.js';
import { refuseOtherDepartment } from '../user/department-access.js';

export interface StatusActor {
  id: number;
}

/** What «Сменить статус» offers now: the items still ahead in the stage, or passing a stage without items. */
export interface StatusOptions {
  stage: PipelineStage;
  itemName: string | null;
  items: { id: number; name: string; completes: boolean; fails: boolean }[];
  /** The stage has no completing item: the manager marks it passed and the next stage follows. */
  canPassStage: boolean;
  nextStage: string | null;
  /** Stages «Установить этап вручную» may pick. */
  stages: { id: number; name: string }[];
}

const MAX_REMARK = 5000;
export const STALE_CLIENT =
  'Карточку клиента уже изменил другой пользователь. Обновите страницу, проверьте статус и повторите действие.';

/**
 * The client's status (docs/product.md §3): stages and their detail items are data (pipeline, stage,
 * stage_item); every move goes through one of these methods, is checked against the pipeline,
 * and is recorded in client_status_change. The database trigger keeps the stage inside the
 * client's pipeline whatever writes the row.
 */
@Injectable()
export class ClientStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
    private readonly history: HistoryService,
  ) {}

  async options(clientId: number): Promise<StatusOptions> {
    const manager = this.dataSource.manager;
    const client = await new ClientRepository(manager).find(clientId);
    if (!client) throw new DomainError('client.not_found', 'Клиент не найден', { status: 404 });
    const map = await this.pipelines.load(manager, client.pipelineId);
    const stage = map.stage(client.stageId)!;
    const current = stage.items.find((item) => item.id === client.stageItemId);
    const open = canClient('changeStatus', stage.kind);
    return {
      stage,
      itemName: current?.name ?? null,
      items: open
        ? stage.items
            .filter((item) => isAhead(item, current))
            .map((item) => ({
              id: item.id,
              name: item.name,
              completes: item.kind === 'completes',
              fails: item.kind === 'fails',
            }))
        : [],
      canPassStage: open && canPassStage(stage),
      nextStage: open ? (map.next(stage)?.name ?? null) : null,
      stages: map.stages
        .filter((other) => other.kind !== 'lost' && other.id !== stage.id)
        .map((other) => ({ id: other.id, name: other.name })),
    };
  }

  /**
   * «Сменить статус»: the next detail item of the current stage (any item still ahead of the
   * current one). The stage's completing item moves the client to the next stage at once; a stage
   * without a completing item is passed with `'pass'`.
   */
  async changeStatus(
    clientId: number,
    input: { itemId: number | 'pass'; remark?: string; expectedVersion?: number },
    actor: StatusActor,
  ): Promise<Client> {
    const remark = optionalText(input.remark, 'remark', 'Комментарий');
    return this.move(clientId, input.expectedVersion, actor, async (client, map, record) => {
      const stage = map.stage(client.stageId)!;
      assertClientAction('changeStatus', stage);
      const current = stage.items.find((item) => item.id === client.stageItemId);
      const item = chosenItem(stage, current, input.itemId);
      if (item === 'pass') return this.advance(client, map, stage, current?.name ?? null, remark, record);
      await record(
        'item',
        { stage, itemName: current?.name ?? null },
        { stage, itemName: item.name },
        remark,
      );
      if (item.kind === 'completes') return this.advance(client, map, stage, item.name, null, record);
      return { stageId: stage.id, stageItemId: item.id };
    });
  }

  /** «Установить этап вручную»: any stage of the client's pipeline but «Не активен» (use «Деактивировать»). */
  async setStage(
    clientId: number,
    input: { stageId: number; remark?: string; expectedVersion?: number },
    actor: StatusActor,
  ): Promise<Client> {
    const remark = optionalText(input.remark, 'remark', 'Комментарий');
    return this.move(clientId, input.expectedVersion, actor, async (client, map, record) => {
      const from = map.stage(client.stageId)!;
      const to = assertStageTarget(from, map.stage(Number(input.stageId)));
      await record(
        'stage_set',
        { stage: from, itemName: itemName(from, client.stageItemId) },
        { stage: to, itemName: null },
        remark,
      );
      if (to.kind === 'won') await this.history.recordContractSigned(record.manager, client, actor);
      return {
        stageId: to.id,
        stageItemId: null,
        inactiveReason: null,
        resumeStageId: null,
        resumeStageItemId: null,
      };
    });
  }

  /** «Деактивировать»: «Не активен» from any stage, with the reason; the stage left is kept for «Активировать». */
  async deactivate(
    clientId: number,
    input: { reason: string; expectedVersion?: number },
    actor: StatusActor,
  ): Promise<Client> {
    const reason = optionalText(input.reason, 'reason', 'Причина');
    if (!reason) {
      throw new DomainError('client.reason_required', 'Укажите причину деактивации', {
        fields: { reason: 'Укажите причину деактивации' },
      });
    }
    return this.move(clientId, input.expectedVersion, actor, async (client, map, record) => {
      const from = map.stage(client.stageId)!;
      const lost = map.lost;
      if (!lost)
        throw new DomainError('client.pipeline_no_lost_stage', 'В воронке клиента нет этапа «Не активен»');
      assertClientAction('deactivate', from);
      await record(
        'deactivated',
        { stage: from, itemName: itemName(from, client.stageItemId) },
        { stage: lost, itemName: null },
        reason,
      );
      return {
        stageId: lost.id,
        stageItemId: null,
        inactiveReason: reason,
        resumeStageId: from.id,
        resumeStageItemId: client.stageItemId,
      };
    });
  }

  /** «Активировать»: back to the stage (and item) the client left. */
  async activate(
    clientId: number,
    input: { remark?: string; expectedVersion?: number },
    actor: StatusActor,
  ): Promise<Client> {
    const remark = optionalText(input.remark, 'remark', 'Комментарий');
    return this.move(clientId, input.expectedVersion, actor, async (client, map, record) => {
      const from = map.stage(client.stageId)!;
      assertClientAction('activate', from);
      const back = (client.resumeStageId !== null && map.stage(client.resumeStageId)) || map.first;
      if (!back)
        throw new DomainError('client.pipeline_no_open_stage', 'В воронке клиента нет рабочих этапов');
      const backItem = back.id === client.resumeStageId ? client.resumeStageItemId : null;
      await record(
        'activated',
        { stage: from, itemName: null },
        { stage: back, itemName: itemName(back, backItem) },
        remark,
      );
      return {
        stageId: back.id,
        stageItemId: backItem,
        inactiveReason: null,
        resumeStageId: null,
        resumeStageItemId: null,
      };
    });
  }

  /**
   * After «Договор подписан»: «Оплата обеспечительного платежа» (Оплачено / Не оплачено) and
   * «Подписание акта приёма-передачи» (Подписан / Не подписан).
   */
  async recordContractFollowUp(
    clientId: number,
    input: {
      depositPaid: boolean | null;
      acceptanceActSigned: boolean | null;
      remark?: string;
      expectedVersion?: number;
    },
    actor: StatusActor,
  ): Promise<Client> {
    const remark = optionalText(input.remark, 'remark', 'Комментарий');
    if (input.depositPaid === null && input.acceptanceActSigned === null) {
      throw new DomainError(
        'client.follow_up_empty',
        'Отметьте оплату обеспечительного платежа или подписание акта',
        {
          fields: {
            depositPaid: 'Выберите значение',
          },
        },
      );
    }
    return this.move(clientId, input.expectedVersion, actor, async (client, map, record) => {
      const stage = map.stage(client.stageId)!;
      assertClientAction('contractFollowUp', stage);
      const depositPaid = input.depositPaid ?? client.depositPaid;
      const acceptanceActSigned = input.acceptanceActSigned ?? client.acceptanceActSigned;
      const facts = [
        `Оплата обеспечительного платежа: ${depositPaid === null ? '—' : depositPaid ? 'Оплачено' : 'Не оплачено'}`,
        `Подписание акта приёма-передачи: ${acceptanceActSigned === null ? '—' : acceptanceActSigned ? 'Подписан' : 'Не подписан'}`,
      ].join('; ');
      await record(
        'contract',
        { stage, itemName: null },
        { stage, itemName: null },
        remark ? `${facts}. ${remark}` : facts,
      );
      return { depositPaid, acceptanceActSigned };
    });
  }

  /** Passing a stage: the next stage follows (the won one after the last open stage). */
  private async advance(
    client: Client,
    map: PipelineMap,
    stage: PipelineStage,
    fromItem: string | null,
    remark: string | null,
    record: Recorder,
  ): Promise<Partial<Client>> {
    const next = map.next(stage);
    if (!next)
      throw new DomainError(
        'client.pipeline_no_next_stage',
        `После этапа «${stage.name}» в воронке нет следующего этапа`,
      );
    await record('advanced', { stage, itemName: fromItem }, { stage: next, itemName: null }, remark);
    if (next.kind === 'won') await this.history.recordContractSigned(record.manager, client, record.actor);
    return { stageId: next.id, stageItemId: null };
  }

  /** Locks the card, checks the version, applies the change and records it, in one transaction. */
  private async move(
    clientId: number,
    expectedVersion: number | undefined,
    actor: StatusActor,
    change: (client: Client, map: PipelineMap, record: Recorder) => Promise<Partial<Client>>,
  ): Promise<Client> {
    return transactionWithRefusals(this.dataSource, Client, async (manager) => {
      const clients = new ClientRepository(manager);
      const client = await clients.lock(clientId);
      if (!client) throw new DomainError('client.not_found', 'Клиент не найден', { status: 404 });
      await refuseOtherDepartment(manager, actor, client.departmentId);
      if (expectedVersion !== undefined && expectedVersion !== client.version)
        throw new DomainError('client.stale', STALE_CLIENT, { status: 409 });
      const map = await this.pipelines.load(manager, client.pipelineId);
      const record = recorder(manager, client.id, actor);
      const update = await change(client, map, record);
      if (update.stageId !== undefined) update.stageKind = map.stage(update.stageId)!.kind;
      await clients.update(client.id, { ...update, version: client.version + 1 });
      return clients.findOrFail(client.id);
    });
  }
}

export interface Placement {
  stage: PipelineStage;
  itemName: string | null;
}

export type Recorder = ((
  kind: ClientStatusChangeKind,
  from: Placement | null,
  to: Placement,
  remark: string | null,
) => Promise<void>) & { manager: EntityManager; actor: StatusActor | null };

/** Writes one line of the status timeline. */
export function recorder(manager: EntityManager, clientId: number, actor: StatusActor | null): Recorder {
  const write = async (
    kind: ClientStatusChangeKind,
    from: Placement | null,
    to: Placement,
    remark: string | null,
  ) => {
    await new ClientRepository(manager).recordStatusChange({
      clientId,
      kind,
      fromStage: from?.stage.name ?? null,
      fromItem: from?.itemName ?? null,
      toStage: to.stage.name,
      toItem: to.itemName,
      toStageId: to.stage.id,
      toStageItemId: to.stage.items.find((item) => item.name === to.itemName)?.id ?? null,
      remark,
      userId: actor?.id ?? null,
    });
  };
  return Object.assign(write, { manager, actor });
}

function itemName(stage: PipelineStage, itemId: number | null): string | null {
  return stage.items.find((item) => item.id === itemId)?.name ?? null;
}

function optionalText(value: unknown, field: string, label: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new DomainError('client.invalid_text', `Поле «${label}» должно быть текстом`, {
      fields: { [field]: 'Ожидается текст' },
    });
  const text = cleanText(value);
  if (text.length > MAX_REMARK) {
    throw new DomainError('client.text_too_long', `Поле «${label}» длиннее ${MAX_REMARK} символов`, {
      fields: {
        [field]: `Не длиннее ${MAX_REMARK} символов`,
      },
    });
  }
  return text === '' ? null : text;
}
