import {
  CompanyProfile,
  HistoryEventType,
  ProductCategory,
} from '../../modules/dictionary/entities/named-dictionary.entities.js';
import { administratorOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/** The plain lists of names: same shape, same screens. */
function namedDictionary(entity: unknown, label: string, nameLabel: string) {
  return defineResource({
    entity,
    label,
    options: {
      navigation: navigation.dictionaries,
      sort: { sortBy: 'position', direction: 'asc' },
      listProperties: ['name', 'position'],
      showProperties: ['name', 'position', 'createdAt', 'updatedAt'],
      editProperties: ['name', 'position'],
      filterProperties: ['name'],
      actions: administratorOnlyActions(),
    },
    properties: {
      id: { label: 'ID' },
      name: { label: nameLabel, isTitle: true },
      position: { label: 'Порядок' },
      createdAt: { label: 'Создано' },
      updatedAt: { label: 'Изменено' },
    },
  });
}

export const companyProfileResource = namedDictionary(CompanyProfile, 'Профили компаний', 'Профиль компании');
export const productCategoryResource = namedDictionary(
  ProductCategory,
  'Категории товаров',
  'Категория товара',
);

export const historyEventTypeResource = defineResource({
  entity: HistoryEventType,
  label: 'Типы событий истории',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'position', direction: 'asc' },
    // The code is for the system (it finds its own types by it): set in the form, not listed.
    listProperties: ['name', 'position'],
    showProperties: ['name', 'position', 'createdAt', 'updatedAt'],
    editProperties: ['name', 'code', 'position'],
    filterProperties: ['name'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    name: { label: 'Тип события', isTitle: true },
    code: { label: 'Код', description: 'По коду система находит тип для событий, которые записывает сама' },
    position: { label: 'Порядок' },
    createdAt: { label: 'Создано' },
    updatedAt: { label: 'Изменено' },
  },
});
