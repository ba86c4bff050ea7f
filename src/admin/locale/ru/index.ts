import type { Locale } from 'adminjs';

import type { AdminResource } from '../../resource-definition.js';
import { navigation } from '../../navigation.js';
import { adminInterfaceRu } from './adminjs-interface.js';

/** Turns `{ 'role.admin': 'Администратор' }` into the nested shape i18next reads. */
function nest(flat: Record<string, string>): Record<string, unknown> {
  const nested: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(flat)) {
    const [path, enumValue] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)];
    nested[path] = { ...nested[path], [enumValue]: value };
  }
  return nested;
}

/** The whole Russian locale: the AdminJS interface plus every resource, property and value label. */
export function buildRussianLocale(
  resources: { id: string; definition: AdminResource; booleanProperties: string[] }[],
): Locale {
  const groupLabels = Object.fromEntries(Object.values(navigation).map((group) => [group.name, group.name]));
  const resourceLabels = Object.fromEntries(resources.map(({ id, definition }) => [id, definition.label]));
  const resourceTranslations = Object.fromEntries(
    resources.map(({ id, definition, booleanProperties }) => [
      id,
      {
        properties: definition.propertyLabels,
        ...(definition.buttonLabels ? { buttons: definition.buttonLabels } : {}),
        labels: {
          [id]: definition.label,
          ...nest(definition.valueLabels),
          // AdminJS shows booleans as «Yes»/«No» unless `<property>.true/false` are translated.
          ...Object.fromEntries(booleanProperties.map((path) => [path, { true: 'Да', false: 'Нет' }])),
        },
      },
    ]),
  );
  return {
    language: 'ru',
    availableLanguages: ['ru'],
    localeDetection: false,
    translations: {
      ru: {
        ...adminInterfaceRu,
        labels: { ...adminInterfaceRu.labels, ...groupLabels, ...resourceLabels },
        resources: resourceTranslations,
        pages: {
          ...adminInterfaceRu.pages,
          leadBoard: 'Лиды — канбан',
          clientBoard: 'Клиенты — воронка',
          search: 'Поиск',
          exports: 'Мои выгрузки',
          import: 'Импорт',
        },
      },
    },
  };
}
