import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (no entity change): while clients stand on a stage or item, or use a sector,
 * an administrator cannot move it to another pipeline or change a stage's kind — that would put
 * clients outside their pipeline, which the client trigger of ClientsAndStatuses forbids.
 */
export class PipelineEditsGuard1795755388581 implements MigrationInterface {
  name = 'PipelineEditsGuard1795755388581';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION stage_in_use_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.pipeline_id <> OLD.pipeline_id OR NEW.kind <> OLD.kind)
     AND EXISTS (SELECT 1 FROM client WHERE stage_id = OLD.id OR resume_stage_id = OLD.id) THEN
    RAISE EXCEPTION 'stage % is in use', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stage_in_use', TABLE = 'stage';
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      'CREATE TRIGGER stage_in_use_guard BEFORE UPDATE OF pipeline_id, kind ON stage FOR EACH ROW EXECUTE FUNCTION stage_in_use_guard()',
    );
    await queryRunner.query(`CREATE FUNCTION stage_item_in_use_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.stage_id <> OLD.stage_id
     AND EXISTS (SELECT 1 FROM client WHERE stage_item_id = OLD.id OR resume_stage_item_id = OLD.id) THEN
    RAISE EXCEPTION 'stage item % is in use', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stage_item_in_use', TABLE = 'stage_item';
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      'CREATE TRIGGER stage_item_in_use_guard BEFORE UPDATE OF stage_id ON stage_item FOR EACH ROW EXECUTE FUNCTION stage_item_in_use_guard()',
    );
    await queryRunner.query(`CREATE FUNCTION client_sector_in_use_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.pipeline_id <> OLD.pipeline_id AND EXISTS (SELECT 1 FROM client WHERE sector_id = OLD.id) THEN
    RAISE EXCEPTION 'client sector % is in use', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'client_sector_in_use', TABLE = 'client_sector';
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      'CREATE TRIGGER client_sector_in_use_guard BEFORE UPDATE OF pipeline_id ON client_sector FOR EACH ROW EXECUTE FUNCTION client_sector_in_use_guard()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER client_sector_in_use_guard ON client_sector');
    await queryRunner.query('DROP FUNCTION client_sector_in_use_guard()');
    await queryRunner.query('DROP TRIGGER stage_item_in_use_guard ON stage_item');
    await queryRunner.query('DROP FUNCTION stage_item_in_use_guard()');
    await queryRunner.query('DROP TRIGGER stage_in_use_guard ON stage');
    await queryRunner.query('DROP FUNCTION stage_in_use_guard()');
  }
}
