import { describe, expect, it } from '@jest/globals';

import { deadlineFunctions, deadlineStatements, deadlineTriggers } from './deadline-functions.sql.js';

describe('deadline functions, as written in src', () => {
  it('are installed only by CREATE OR REPLACE, so installing twice changes nothing', () => {
    const statements = deadlineStatements();
    expect(statements).toHaveLength(deadlineFunctions.length + deadlineTriggers.length);
    for (const statement of statements) expect(statement).toMatch(/^CREATE OR REPLACE (FUNCTION|TRIGGER) /);
  });

  it('install each function once, before any trigger or function that calls it', () => {
    const names = deadlineFunctions.map((fn) => fn.name);
    expect(new Set(names).size).toBe(names.length);
    names.forEach((name, index) => {
      const callers = deadlineFunctions.filter((fn) => fn.body.includes(`${name}(`)).map((fn) => fn.name);
      for (const caller of callers) expect(names.indexOf(caller)).toBeGreaterThan(index);
    });
    for (const trigger of deadlineTriggers) expect(names).toContain(trigger.function);
  });

  it('name one trigger per table and name', () => {
    const keys = deadlineTriggers.map((trigger) => `${trigger.name} ON ${trigger.table}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
