import { ServiceType } from '../../modules/dictionary/entities/service-type.entity.js';
import { administratorOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const serviceTypeResource = defineResource({
  entity: ServiceType,
  label: 'Виды услуг',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'position', direction: 'asc' },
    listProperties: ['name', 'kind', 'departmentId'],
    showProperties: ['name', 'kind', 'departmentId', 'position', 'createdAt', 'updatedAt'],
    editProperties: ['kind', 'name', 'departmentId', 'position'],
    filterProperties: ['kind', 'name', 'departmentId'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    kind: { label: 'Группа услуг', values: { ved: 'Услуга ВЭД', '3pl': 'Услуги 3PL' } },
    name: { label: 'Вид услуги', isTitle: true },
    departmentId: {
      label: 'Департамент',
      description: 'За каким департаментом строки сделок с этой услугой в отчётах',
    },
    position: { label: 'Порядок' },
    createdAt: { label: 'Создано' },
    updatedAt: { label: 'Изменено' },
  },
});
