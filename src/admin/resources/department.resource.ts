import type { RecordActionResponse } from 'adminjs';

import { Department } from '../../modules/dictionary/entities/department.entity.js';
import type { NotificationDispatcher } from '../../modules/notification/notification.dispatcher.js';
import type { NotificationService } from '../../modules/notification/notification.service.js';
import { administratorOnlyActions, allow } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/**
 * Departments and their addresses. Saving one sends at once the mail that waited for addresses
 * (otherwise it looks again within half a minute).
 */
export function departmentResource(notifications: NotificationService, dispatcher: NotificationDispatcher) {
  const releaseWaitingMail = async (response: RecordActionResponse) => {
    const saved = response.record && Object.keys(response.record.errors ?? {}).length === 0;
    if (saved && (await notifications.recheckWaiting()) > 0) dispatcher.kick();
    return response;
  };
  return defineResource({
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
      actions: {
        ...administratorOnlyActions(),
        new: { isAccessible: allow('admin'), after: releaseWaitingMail },
        edit: { isAccessible: allow('admin'), after: releaseWaitingMail },
      },
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
}
