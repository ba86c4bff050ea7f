import React from 'react';
import { BasePropertyComponent, type BasePropertyProps } from 'adminjs';

/**
 * A field of a mini-block (docs/product.md §2): shown on the edit and show pages only while the block's
 * checkbox (`property.custom.block`) is ticked; then AdminJS's own field for it, or the component
 * named in `property.custom.components` (e.g. the turnover in Russian format on the card). A field
 * of an array item (a contact person's) is labelled with `property.custom.label`
 * (resource-definition.ts says why).
 */
const ticked = (value: unknown) => value === true || value === 'true';

const MiniBlockField: React.FC<BasePropertyProps> = (props) => {
  const { block, components, label } = (props.property.custom ?? {}) as {
    block?: string;
    components?: Record<string, string>;
    label?: string;
  };
  if (block && !ticked(props.record?.params?.[block])) return null;
  return (
    <BasePropertyComponent
      {...props}
      property={{ ...props.property, components, label: label ?? props.property.label }}
    />
  );
};

export default MiniBlockField;
