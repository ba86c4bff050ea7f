import React, { useEffect } from 'react';
import { BasePropertyComponent, type BasePropertyProps } from 'adminjs';

/**
 * A tick that a new record starts with ticked («Активен» of a new user): AdminJS's form starts
 * every field empty, so the box showed unticked while an untouched box still made an active user
 * (the column's default). The form now shows and sends what will be saved.
 */
const TickedForNew: React.FC<BasePropertyProps> = (props) => {
  const { record, property, onChange, where } = props;
  const unset = where === 'edit' && !record?.id && record?.params?.[property.path] === undefined;
  useEffect(() => {
    if (unset) onChange?.(property.path, true);
  }, [unset, onChange, property.path]);
  const shown = unset && record ? { ...record, params: { ...record.params, [property.path]: true } } : record;
  return (
    <BasePropertyComponent {...props} record={shown} property={{ ...property, components: undefined }} />
  );
};

export default TickedForNew;
