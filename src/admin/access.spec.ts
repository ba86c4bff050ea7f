import { describe, expect, it } from '@jest/globals';
import type { ActionContext, ActionRequest } from 'adminjs';

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

  it("runs an action's before hooks only for those the action is for (AdminJS checks access after them)", async () => {
    const calls: string[] = [];
    const options = closedByDefault({
      actions: {
        new: {
          before: [
            async (request: ActionRequest, context: ActionContext) => {
              calls.push(String(context.currentAdmin?.role));
              return { ...request, payload: { hashed: true } };
            },
          ],
        },
      },
    });
    const [sanitize, hook] = options.actions!.new!.before as ((
      request: ActionRequest,
      context: ActionContext,
    ) => Promise<ActionRequest>)[];
    const request = { method: 'post', params: {} } as unknown as ActionRequest;
    expect(await hook(request, as('manager'))).toBe(request);
    expect((await hook(request, as('admin'))).payload).toEqual({ hashed: true });
    expect(calls).toEqual(['admin']);
    // First of all, for everyone: keys that are no property path are dropped.
    const odd = await sanitize(
      {
        method: 'post',
        params: {},
        payload: { name: 'x', 'lines.0.kind': 'pl', '?': '', 'a.constructor': 1, __proto__x: 2 },
        query: {
          'filters.constructor': '',
          'filters.status': 'new',
          'filters.createdAt~~from': '2026-01-01',
          page: '2',
        },
      } as unknown as ActionRequest,
      as('committee'),
    );
    expect(odd.payload).toEqual({ name: 'x', 'lines.0.kind': 'pl', __proto__x: 2 });
    expect(odd.query).toEqual({
      'filters.status': 'new',
      'filters.createdAt~~from': '2026-01-01',
      page: '2',
    });
  });
});
