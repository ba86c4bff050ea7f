import type { ActionContext, ActionRequest } from 'adminjs';

/**
 * What AdminJS may be given as a property path: words of ASCII letters, digits and `_`, joined by
 * dots (`lines.0.kind`), none of them a name every JavaScript object has (`constructor`,
 * `__proto__`…). AdminJS builds regular expressions from payload keys and looks filter keys up in
 * plain objects, so a key like `?` or `filters.constructor` made it fail with a 500.
 */
const SAFE_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*(~~(from|to))?$/; // `~~from`/`~~to`: a range filter's ends
const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isSafePath(path: string): boolean {
  return (
    path.length <= 200 && SAFE_PATH.test(path) && !path.split('.').some((part) => OBJECT_NAMES.has(part))
  );
}

function safeEntries(
  values: Record<string, unknown> | undefined,
  prefix = '',
): Record<string, unknown> | undefined {
  if (!values) return values;
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => !key.startsWith(prefix) || isSafePath(key.slice(prefix.length))),
  );
}

interface PropertyLookup {
  getPropertyByKey(path: string): { isArray(): boolean; propertyPath: string } | null | undefined;
}

/**
 * Drops payload keys and list filters that are not property paths (they name no property, so
 * nothing a user meant is lost), and — in a record's action — the record's id among the values
 * (AdminJS would take it for the record's own and look for another record): runs first in every action.
 */
export function withoutOddKeys(request: ActionRequest, context?: ActionContext): ActionRequest {
  const payload = safeEntries(request.payload);
  // A list property sent as one plain value (`managerEmails=a@b.c` instead of
  // `managerEmails.0=a@b.c`) is that list's one item: AdminJS expects the item form.
  const decorated = (context?.resource as { decorate?: () => PropertyLookup } | undefined)?.decorate?.();
  for (const [key, value] of Object.entries(payload ?? {})) {
    const property = decorated?.getPropertyByKey(key);
    // Only the list itself (`managerEmails`), not one of its items (`managerEmails.0`).
    if (payload && typeof value === 'string' && property?.isArray() && property.propertyPath === key) {
      delete payload[key];
      payload[`${key}.0`] = value;
    }
  }
  if (payload && request.params?.recordId !== undefined) {
    const idName = (context?.resource as { idName?: () => string } | undefined)?.idName?.() ?? 'id';
    delete payload[idName];
  }
  return { ...request, payload, query: safeEntries(request.query, 'filters.') };
}
