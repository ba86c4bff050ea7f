import type { ActionRequest, ActionResponse, RecordActionResponse } from 'adminjs';

import { Notification } from '../../modules/notification/notification.entity.js';
import type { NotificationDispatcher } from '../../modules/notification/notification.dispatcher.js';
import type { NotificationService } from '../../modules/notification/notification.service.js';
import { readOnlyAdministratorActions, allow } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/** Every e-mail the system promised, with its state; administrators can send one again. */
export function notificationResource(notifications: NotificationService, dispatcher: NotificationDispatcher) {
  return defineResource({
    entity: Notification,
    label: 'Уведомления',
    options: {
      navigation: navigation.administration,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['createdAt', 'kind', 'subject', 'to', 'state', 'attempts', 'lastError'],
      showProperties: [
        'kind',
        'leadId',
        'reportId',
        'to',
        'cc',
        'subject',
        'body',
        'state',
        'attempts',
        'lastError',
        'nextAttemptAt',
        'sentAt',
        'messageId',
        'createdAt',
      ],
      filterProperties: ['state', 'kind', 'leadId', 'createdAt'],
      actions: {
        ...readOnlyAdministratorActions(),
        resend: {
          actionType: 'record',
          icon: 'Send',
          component: false,
          guard: 'confirmResend',
          isAccessible: allow('admin'),
          handler: async (
            _request: ActionRequest,
            _response: unknown,
            context: {
              record?: { id(): string; get(path: string): unknown; toJSON(admin?: unknown): unknown };
              currentAdmin?: unknown;
            },
          ): Promise<ActionResponse> => {
            const record = context.record!;
            // To whoever the department lists now (its addresses may have been fixed).
            await notifications.resend(String(record.id()));
            dispatcher.kick();
            return {
              record: record.toJSON(context.currentAdmin),
              notice: { message: 'notificationQueued', type: 'success' },
            } as RecordActionResponse;
          },
        },
      },
    },
    properties: {
      id: { label: 'ID' },
      kind: {
        label: 'Вид',
        values: {
          lead_created: 'Новый лид',
          report: 'Отчёт комитету',
          overdue_digest: 'Сводка просрочек руководителю',
          overdue_item: 'Просрочка ответственному',
          lead_unrouted: 'Копия администраторам',
        },
      },
      dedupeKey: {
        label: 'Ключ однократности',
        isVisible: { list: false, show: true, filter: false, edit: false },
      },
      claim: {
        label: 'Метка отправителя',
        isVisible: false,
      },
      reportId: { label: 'Отчёт' },
      leadId: { label: 'Лид' },
      to: { label: 'Кому' },
      cc: { label: 'Копия' },
      subject: { label: 'Тема' },
      body: { label: 'Текст', type: 'textarea' },
      messageId: { label: 'Идентификатор письма (Message-ID)' },
      state: { label: 'Состояние', values: { pending: 'Ожидает отправки', sent: 'Отправлено' } },
      attempts: { label: 'Попыток' },
      lastError: { label: 'Последняя ошибка' },
      nextAttemptAt: { label: 'Следующая попытка' },
      lockedUntil: { label: 'Занято отправкой до', isVisible: false },
      sentAt: { label: 'Отправлено' },
      createdAt: { label: 'Создано' },
    },
  });
}
