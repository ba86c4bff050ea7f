import type { ActionContext, ActionResponse } from 'adminjs';

import { DomainError } from '../../common/domain-error.js';
import { Deal, dealKindLabels, dealStatusLabels } from '../../modules/deal/entities/deal.entity.js';
import type { DealService } from '../../modules/deal/deal.service.js';
import { canDeal, type DealAction, type DealStatus } from '../../modules/deal/deal-transitions.js';
import { allow, clientDepartment, whenMayChange } from '../access.js';
import { Components, shownAs } from '../component-loader.js';
import { exportAction } from '../list-export.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';
import { sentVersion, serviceFormAction, serviceRecordAction } from '../service-action.js';
import { titleSearch } from '../title-search.js';

/**
 * «Сделки» (docs/product.md §4): made from «Создать» (client, «Вид продажи», date), lines edited on the deal
 * itself («Строки сделки»), then «Подписать», «Завершить» or «Отменить» — all through DealService.
 */
const crmUsers = allow('admin', 'manager');
/** The deal's status allows `action` (the same table DealService refuses by). */
const statusAllows = (action: DealAction) => (context: ActionContext) =>
  canDeal(action, context.record?.params.status as DealStatus);

export const dealResource = (deals: DealService) =>
  defineResource({
    entity: Deal,
    label: 'Сделки',
    options: {
      navigation: navigation.crm,
      sort: { sortBy: 'dealDate', direction: 'desc' },
      listProperties: ['dealDate', 'clientId', 'kind', 'status', 'total', 'responsibleUserId'],
      showProperties: [
        'summaryPanel',
        'clientId',
        'kind',
        'status',
        'dealDate',
        'startsOn',
        'total',
        'responsibleUserId',
        'signedAt',
        'closedAt',
        'cancelledAt',
        'bitrixId',
      ],
      editProperties: ['clientId', 'kind', 'dealDate', 'startsOn'],
      filterProperties: ['clientId', 'kind', 'status', 'dealDate', 'responsibleUserId'],
      actions: {
        list: { isAccessible: crmUsers },
        export: exportAction(crmUsers),
        show: {
          isAccessible: crmUsers,
          after: async (response: ActionResponse) => {
            const record = response.record as { id?: string; params: Record<string, unknown> } | undefined;
            if (record?.id) {
              const summary = await deals.summary(Number(record.id));
              record.params.summaryPanel = JSON.stringify({ lines: summary.lines, total: summary.total });
            }
            return response;
          },
        },
        search: titleSearch(crmUsers),
        new: serviceFormAction({
          isAccessible: crmUsers,
          successMessage: 'dealSaved',
          save: (payload, { currentAdmin }) => {
            const clientId = Number(payload.clientId);
            if (!Number.isSafeInteger(clientId) || clientId <= 0) {
              throw new DomainError('deal.invalid_fields', 'Проверьте заполнение полей', {
                fields: { clientId: 'Выберите клиента' },
              });
            }
            return deals.create(
              clientId,
              { kind: payload.kind, dealDate: payload.dealDate, startsOn: payload.startsOn },
              { id: Number(currentAdmin?.id) },
            );
          },
        }),
        edit: { isAccessible: () => false },
        delete: { isAccessible: () => false },
        bulkDelete: { isAccessible: () => false },
        editLines: serviceRecordAction({
          icon: 'List',
          component: Components.DealLinesEditor,
          isAccessible: crmUsers,
          isVisible: whenMayChange(statusAllows('editLines'), clientDepartment),
          successMessage: 'dealSaved',
          load: async (id) => ({ choices: await deals.lineChoices(id) }),
          run: (id, payload, actorId) => {
            let lines: unknown;
            try {
              lines = JSON.parse(String(payload.lines ?? ''));
            } catch {
              throw new DomainError('deal.lines_not_list', 'Ожидается список строк сделки');
            }
            return deals.saveLines(id, lines, { id: actorId }, sentVersion(payload.expectedVersion));
          },
        }),
        sign: serviceRecordAction({
          icon: 'CheckSquare',
          component: Components.DealConfirmForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(statusAllows('sign'), clientDepartment),
          successMessage: 'dealSaved',
          run: (id, payload, actorId) =>
            deals.sign(id, { id: actorId }, sentVersion(payload.expectedVersion)),
        }),
        close: serviceRecordAction({
          icon: 'Archive',
          component: Components.DealConfirmForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(statusAllows('close'), clientDepartment),
          successMessage: 'dealSaved',
          run: (id, payload, actorId) =>
            deals.close(id, { id: actorId }, sentVersion(payload.expectedVersion)),
        }),
        cancel: serviceRecordAction({
          icon: 'XCircle',
          component: Components.DealConfirmForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(statusAllows('cancel'), clientDepartment),
          successMessage: 'dealSaved',
          run: (id, payload, actorId) =>
            deals.cancel(id, { id: actorId }, sentVersion(payload.expectedVersion)),
        }),
      },
    },
    properties: {
      id: { label: 'Номер' },
      clientId: { label: 'Клиент', custom: { fact: true } },
      kind: { label: 'Вид продажи', values: dealKindLabels, custom: { fact: true } },
      status: { label: 'Статус', values: dealStatusLabels, custom: { fact: true } },
      dealDate: { label: 'Дата сделки', custom: { section: 'Сделка' } },
      startsOn: { label: 'Начало срока', custom: { section: 'Сделка' } },
      responsibleUserId: { label: 'Ответственный', custom: { fact: true } },
      total: { label: 'Сумма (стоимость в год × срок)', ...shownAs.money, custom: { fact: true } },
      signedAt: { label: 'Подписана', custom: { section: 'Сделка' } },
      closedAt: { label: 'Завершена', custom: { section: 'Сделка' } },
      cancelledAt: { label: 'Отменена', custom: { section: 'Сделка' } },
      bitrixId: {
        label: 'ID в Битрикс24',
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { section: 'Сделка' },
      },
      version: { label: 'Версия', isVisible: false },
      createdAt: { label: 'Создана' },
      updatedAt: { label: 'Изменена' },
      summaryPanel: {
        label: 'Итог сделки: услуга/площадь, сумма, срок',
        components: { show: Components.DealSummaryPanel },
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { side: true },
      },
    },
  });
