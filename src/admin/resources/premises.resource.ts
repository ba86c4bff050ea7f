import { Premises } from '../../modules/dictionary/entities/premises.entity.js';
import { administratorOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const premisesResource = defineResource({
  entity: Premises,
  label: 'Справочник объектов',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'number', direction: 'asc' },
    listProperties: ['number', 'objectTypeId', 'zone', 'sector', 'areaM2', 'active'],
    showProperties: [
      'number',
      'objectTypeId',
      'zone',
      'sector',
      'areaM2',
      'active',
      'note',
      'createdAt',
      'updatedAt',
    ],
    editProperties: ['objectTypeId', 'zone', 'sector', 'number', 'areaM2', 'active', 'note'],
    filterProperties: ['objectTypeId', 'zone', 'sector', 'number', 'active'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    objectTypeId: { label: 'Тип объекта' },
    zone: { label: 'Зона объекта' },
    sector: { label: 'Сектор' },
    number: { label: 'Место/№ помещения', isTitle: true },
    areaM2: { label: 'Площадь, м²', type: 'float' },
    active: { label: 'Используется' },
    note: { label: 'Примечание', type: 'textarea' },
    createdAt: { label: 'Создано' },
    updatedAt: { label: 'Изменено' },
  },
});
