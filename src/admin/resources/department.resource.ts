import { Department } from '../../modules/dictionary/entities/department.entity.js';
import { administratorOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const departmentResource = defineResource({
  entity: Department,
  label: 'Департаменты',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'position', direction: 'asc' },
    listProperties: ['name', 'managerEmails', 'headEmail'],
    showProperties: [
      'name',
      'managerEmails',
      'headEmail',
      'committeeEmails',
      'position',
      'createdAt',
      'updatedAt',
    ],
    editProperties: ['name', 'managerEmails', 'headEmail', 'committeeEmails', 'position'],
    filterProperties: ['name', 'headEmail'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    name: { label: 'Название', isTitle: true },
    managerEmails: {
      label: 'Эл. почта менеджеров (Кому)',
      description: 'Получают уведомления о новых лидах по типам объектов этого департамента',
    },
    headEmail: { label: 'Эл. почта руководителя (Копия)' },
    committeeEmails: { label: 'Получатели отчётов комитета' },
    position: { label: 'Порядок' },
    createdAt: { label: 'Создано' },
    updatedAt: { label: 'Изменено' },
  },
});
