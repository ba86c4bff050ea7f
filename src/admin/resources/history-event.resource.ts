import { HistoryEvent } from '../../modules/client/entities/history-event.entity.js';
import { allow, readOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/**
 * «История»: every event with every client, to browse and filter. Events are added on the
 * client's card («Добавить событие», HistoryService) and by the system; nobody edits them here.
 */
export const historyEventResource = defineResource({
  entity: HistoryEvent,
  label: 'История',
  options: {
    navigation: navigation.crm,
    sort: { sortBy: 'eventDate', direction: 'desc' },
    listProperties: ['eventDate', 'clientId', 'typeId', 'comment', 'userId'],
    showProperties: ['eventDate', 'clientId', 'typeId', 'comment', 'userId', 'automatic', 'createdAt'],
    filterProperties: ['clientId', 'typeId', 'eventDate', 'userId', 'automatic'],
    actions: readOnlyActions(allow('admin', 'manager')),
  },
  properties: {
    id: { label: 'ID' },
    clientId: { label: 'Клиент' },
    typeId: { label: 'Тип события' },
    comment: { label: 'Комментарий', type: 'textarea' },
    eventDate: { label: 'Дата события' },
    userId: { label: 'Кто' },
    automatic: { label: 'Записано системой' },
    createdAt: { label: 'Создано' },
    updatedAt: { label: 'Изменено' },
  },
});
