import React from 'react';
import { BasePropertyComponent, type BasePropertyProps } from 'adminjs';

/**
 * A field of a mini-block (SPEC §2): shown on the edit and show pages only while the block's
 * checkbox (`property.custom.block`) is ticked; otherwise AdminJS's own field for it.
 */
const ticked = (value: unknown) => value === true || value === 'true';

const MiniBlockField: React.FC<BasePropertyProps> = (props) => {
  const block = (props.property.custom as { block?: string } | undefined)?.block;
  if (block && !ticked(props.record?.params?.[block])) return null;
  return <BasePropertyComponent {...props} property={{ ...props.property, components: undefined }} />;
};

export default MiniBlockField;
