import type { MigrationInterface, QueryRunner } from 'typeorm';

import { installDeadlineFunctions } from '../src/modules/deadline/deadline-functions.sql.js';

export class DeadlineFunctions1796500000000 implements MigrationInterface {
  name = 'DeadlineFunctions1796500000000';
  // Written by hand: installs the deadline functions and triggers from their one home,
  // src/modules/deadline/deadline-functions.sql.ts (the same text as Deadlines1795782209093 wrote,
  // re-indented). All CREATE OR REPLACE: running it again changes nothing. A later change of
  // that text adds a migration like this one.

  async up(queryRunner: QueryRunner): Promise<void> {
    await installDeadlineFunctions(queryRunner);
  }

  async down(): Promise<void> {
    // Nothing: the text before this migration differs only in indentation, and Deadlines1795782209093's
    // down drops the functions and triggers.
  }
}
