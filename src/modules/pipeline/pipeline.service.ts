import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';

import { STANDARD_PIPELINE } from './entities/pipeline.entity.js';
import { PipelineRepository } from './pipeline.repository.js';
import type { StageItemKind } from './entities/stage-item.entity.js';
import type { StageKind } from './entities/stage.entity.js';

export interface PipelineItem {
  id: number;
  name: string;
  kind: StageItemKind;
  position: number;
}

export interface PipelineStage {
  id: number;
  name: string;
  kind: StageKind;
  hint: string;
  position: number;
  items: PipelineItem[];
}

/** A pipeline as data (docs/product.md §3): its stages in order, each with its detail items in order. */
export class PipelineMap {
  constructor(
    readonly id: number,
    readonly stages: PipelineStage[],
  ) {}

  stage(id: number): PipelineStage | undefined {
    return this.stages.find((stage) => stage.id === id);
  }

  /** Where a new client starts: the first open stage («Новый»). */
  get first(): PipelineStage | undefined {
    return this.stages.find((stage) => stage.kind === 'open');
  }

  /** «Не активен». */
  get lost(): PipelineStage | undefined {
    return this.stages.find((stage) => stage.kind === 'lost');
  }

  get won(): PipelineStage | undefined {
    return this.stages.find((stage) => stage.kind === 'won');
  }

  /** The stage a client reaches by completing this one: the next open stage, else the won one. */
  next(stage: PipelineStage): PipelineStage | undefined {
    return this.stages.find((other) => other.kind !== 'lost' && other.position > stage.position);
  }

  /** The open stages in order. */
  get open(): PipelineStage[] {
    return this.stages.filter((stage) => stage.kind === 'open');
  }
}

@Injectable()
export class PipelineService {
  async load(manager: EntityManager, pipelineId: number): Promise<PipelineMap> {
    const rows = await new PipelineRepository(manager).stages(pipelineId);
    return new PipelineMap(pipelineId, rows);
  }

  /** The pipeline a sector uses; the standard one when the card has no sector yet. */
  async pipelineOf(manager: EntityManager, sectorId: number | null): Promise<number> {
    const pipelines = new PipelineRepository(manager);
    const pipelineId =
      sectorId === null ? await pipelines.byCode(STANDARD_PIPELINE) : await pipelines.ofSector(sectorId);
    if (pipelineId !== undefined) return pipelineId;
    if (sectorId !== null) {
      throw new DomainError('pipeline.unknown_sector', 'Проверьте заполнение полей', {
        fields: {
          sectorId: 'Выберите профиль клиента из списка',
        },
      });
    }
    throw new DomainError(
      'pipeline.standard_missing',
      'Не найдена «Стандартная воронка»: администратору нужно восстановить её в справочнике «Воронки»',
    );
  }
}
