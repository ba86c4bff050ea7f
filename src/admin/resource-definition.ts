import type { FeatureType, PropertyOptions, ResourceOptions } from 'adminjs';

export type PropertyDefinition = PropertyOptions & {
  /** The Russian label users see. */
  label: string;
  /** Russian labels of enum values. */
  values?: Record<string, string>;
};

export interface ResourceDefinition {
  entity: unknown;
  /** The Russian name of the section in the sidebar. */
  label: string;
  options: Omit<ResourceOptions, 'properties'>;
  properties: Record<string, PropertyDefinition>;
  /** Russian button texts of this resource only (e.g. «Добавить контактное лицо» for `addNewItem`). */
  buttons?: Record<string, string>;
  /** AdminJS features (e.g. @adminjs/upload). */
  features?: FeatureType[];
}

export interface AdminResource {
  resource: unknown;
  options: ResourceOptions;
  label: string;
  propertyLabels: Record<string, string>;
  valueLabels: Record<string, string>;
  buttonLabels?: Record<string, string>;
  features?: FeatureType[];
}

/**
 * Keeps each resource's Russian labels beside its options: the labels go to the locale,
 * the enum value labels become the select's options, the rest are AdminJS property options.
 */
export function defineResource(definition: ResourceDefinition): AdminResource {
  const properties: Record<string, PropertyOptions> = {};
  const propertyLabels: Record<string, string> = {};
  const valueLabels: Record<string, string> = {};
  for (const [path, { label, values, ...options }] of Object.entries(definition.properties)) {
    propertyLabels[path] = label;
    if (values) {
      // The label is the value: AdminJS translates it through the locale (`labels.<path>.<value>`).
      // Its list and show badges look the label itself up and, failing that, Title-Case it.
      options.availableValues = Object.keys(values).map((value) => ({ value, label: value }));
      for (const [value, valueLabel] of Object.entries(values)) valueLabels[`${path}.${value}`] = valueLabel;
    }
    // AdminJS's locale cannot hold a label for `contacts.phone` beside one for `contacts` (it
    // flattens and unflattens the translations): an array item's field carries its label itself,
    // and mini-block-field.tsx shows it.
    properties[path] = path.includes('.') ? { ...options, custom: { ...options.custom, label } } : options;
  }
  return {
    resource: definition.entity,
    options: { ...definition.options, properties },
    label: definition.label,
    propertyLabels,
    valueLabels,
    buttonLabels: definition.buttons,
    features: definition.features,
  };
}
