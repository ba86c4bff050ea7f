import { ObjectType } from '../../modules/dictionary/entities/object-type.entity.js';
import { administratorOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const objectTypeResource = defineResource({
  entity: ObjectType,
  label: 'Типы объектов',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'position', direction: 'asc' },
    listProperties: ['name', 'departmentId', 'position'],
    showProperties: ['name', 'departmentId', 'position', 'createdAt', 'updatedAt'],
    editProperties: ['name', 'departmentId', 'position'],
    filterProperties: ['name', 'departmentId'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    name: { label: 'Тип объекта', isTitle: true },
    departmentId: { label: 'Департамент', description: 'Получает лиды по этому типу объекта' },
    position: { label: 'Порядок' },
    createdAt: { label: 'Создано' },
    updatedAt: { label: 'Изменено' },
  },
});
