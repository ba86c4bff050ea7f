import React from 'react';
import { DrawerContent, H5 } from '@adminjs/design-system';
import {
  ActionHeader,
  BasePropertyComponent,
  useTranslation,
  type ActionProps,
  type BasePropertyJSON,
  type RecordJSON,
} from 'adminjs';

/**
 * Every record's page (AdminJS's DefaultShowAction overridden), laid out for work rather than as
 * one long column: the record's key facts in a strip under its heading (`custom.fact`), then its
 * fields in sections (`custom.section`; the others under «Сведения») in a compact grid, with the
 * panels a person works from — the client's timeline, the lead's status history, the deal's
 * summary (`custom.side`) — beside them on a wide screen and right under the facts on a narrow one.
 * A field with no value, or of an unticked mini-block, is left out; a fact past its date (`custom.deadline`) is shown in red.
 */
interface Layout {
  /** The mini-block checkbox the field belongs to (client.resource.ts): unticked, it is not shown. */
  block?: string;
  fact?: boolean;
  side?: boolean;
  deadline?: boolean;
  section?: string;
}

const OTHER_SECTION = 'Сведения';

const layoutOf = (property: BasePropertyJSON): Layout => (property.custom ?? {}) as Layout;

/** The property has something to show: a value of its own, or items (an array's `path.0.…`). */
export function hasValue(record: RecordJSON, property: BasePropertyJSON): boolean {
  const params = record.params ?? {};
  const value = params[property.propertyPath];
  if (value !== undefined && value !== null && value !== '') return true;
  const prefix = `${property.propertyPath}.`;
  return Object.keys(params).some(
    (key) => key.startsWith(prefix) && params[key] !== null && params[key] !== '',
  );
}

const ticked = (record: RecordJSON, property: BasePropertyJSON) => {
  const { block } = layoutOf(property);
  if (!block) return true;
  const value = record.params?.[block];
  return value === true || value === 'true';
};

const isPast = (value: unknown) => {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(at) && at < Date.now();
};

const RecordPage: React.FC<ActionProps> = (props) => {
  const { resource, record, action } = props;
  const { translateProperty } = useTranslation();
  if (!record) return null;
  const shown = resource.showProperties.filter(
    (property) => layoutOf(property).side || (hasValue(record, property) && ticked(record, property)),
  );
  const facts = shown.filter((property) => layoutOf(property).fact);
  const side = shown.filter((property) => layoutOf(property).side);
  const sections = new Map<string, BasePropertyJSON[]>();
  for (const property of shown) {
    const layout = layoutOf(property);
    if (layout.fact || layout.side) continue;
    const name = layout.section ?? OTHER_SECTION;
    sections.set(name, [...(sections.get(name) ?? []), property]);
  }
  const field = (property: BasePropertyJSON, where: 'show' | 'list') => (
    <BasePropertyComponent
      key={property.propertyPath}
      where={where}
      property={property}
      resource={resource}
      record={record}
    />
  );

  return (
    <DrawerContent data-css={`${resource.id}-${action.name}-drawer-content`} className="crm-record-page">
      {action.showInDrawer ? <ActionHeader {...props} /> : null}
      {facts.length > 0 && (
        <dl className="crm-record__facts" data-testid="record-facts">
          {facts.map((property) => (
            <div
              key={property.propertyPath}
              className={
                layoutOf(property).deadline && isPast(record.params[property.propertyPath])
                  ? 'crm-record__fact crm-record__fact--overdue'
                  : 'crm-record__fact'
              }
            >
              <dt>{translateProperty(property.label, property.resourceId)}</dt>
              <dd>{field(property, 'list')}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className={side.length > 0 ? 'crm-record crm-record--with-side' : 'crm-record'}>
        <div className="crm-record__fields" data-testid="record-fields">
          {[...sections].map(([name, properties]) => (
            <section key={name} className="crm-record__section">
              {sections.size > 1 && <H5 className="crm-record__section-title">{name}</H5>}
              <div className="crm-record__grid">{properties.map((property) => field(property, 'show'))}</div>
            </section>
          ))}
        </div>
        {side.length > 0 && (
          <div className="crm-record__side" data-testid="record-side">
            {side.map((property) => field(property, 'show'))}
          </div>
        )}
      </div>
    </DrawerContent>
  );
};

export default RecordPage;
