import { describe, expect, it } from '@jest/globals';
import type { ActionContext } from 'adminjs';

import { closedByDefault } from './access.js';

const as = (role: string) => ({ currentAdmin: { role } }) as unknown as ActionContext;

describe('closedByDefault', () => {
  it('opens an action that says nothing about access to administrators only', () => {
    const options = closedByDefault({ actions: { resend: { actionType: 'record' } } });
    for (const name of ['list', 'show', 'new', 'edit', 'delete', 'bulkDelete', 'search', 'resend']) {
      const actions = options.actions as Record<
        string,
        { isAccessible: (context: ActionContext) => boolean }
      >;
      const { isAccessible } = actions[name];
      expect(isAccessible(as('admin'))).toBe(true);
      expect(isAccessible(as('manager'))).toBe(false);
      expect(isAccessible(as('committee'))).toBe(false);
    }
  });

  it('keeps the access an action defines', () => {
    const options = closedByDefault({ actions: { list: { isAccessible: true } } });
    expect(options.actions!.list!.isAccessible).toBe(true);
  });
});
