import type { EntityManager } from 'typeorm';

import type { PipelineStage } from './pipeline.service.js';

/** The SQL of pipelines, their stages and detail items, in the manager it is given. */
export class PipelineRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The pipeline's stages in order, each with its detail items in order. */
  stages(pipelineId: number): Promise<PipelineStage[]> {
    return this.manager.query(
      `SELECT s.id, s.name, s.kind::text AS kind, s.hint, s.position,
              COALESCE(json_agg(json_build_object('id', i.id, 'name', i.name, 'kind', i.kind, 'position', i.position)
                ORDER BY i.position) FILTER (WHERE i.id IS NOT NULL), '[]') AS items
       FROM stage s LEFT JOIN stage_item i ON i.stage_id = s.id
       WHERE s.pipeline_id = $1 GROUP BY s.id ORDER BY s.position`,
      [pipelineId],
    );
  }

  /** The pipeline with this code, if there is one. */
  byCode(code: string): Promise<number | undefined> {
    return this.first(`SELECT id AS "pipelineId" FROM pipeline WHERE code = $1`, code);
  }

  /** The pipeline a sector uses, if there is such a sector. */
  ofSector(sectorId: number): Promise<number | undefined> {
    return this.first(`SELECT pipeline_id AS "pipelineId" FROM client_sector WHERE id = $1`, sectorId);
  }

  private async first(sql: string, parameter: unknown): Promise<number | undefined> {
    const [row] = (await this.manager.query(sql, [parameter])) as { pipelineId: number }[];
    return row?.pipelineId;
  }
}
