import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';

import { DomainError } from '../../common/domain-error.js';
import { turnoverYears } from '../../modules/client/client-input.js';
import type { ClientStatusService } from '../../modules/client/client-status.service.js';
import { canClient, type ClientAction } from '../../modules/client/client-transitions.js';
import type { StageKind } from '../../modules/pipeline/entities/stage.entity.js';
import type { ClientService } from '../../modules/client/client.service.js';
import type { HistoryService } from '../../modules/client/history.service.js';
import type { DealService } from '../../modules/deal/deal.service.js';
import { Client, turnoverUnitLabels } from '../../modules/client/entities/client.entity.js';
import { allow, whenMayChange } from '../access.js';
import { Components, shownAs } from '../component-loader.js';
import { exportAction } from '../list-export.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';
import { payloadText, sentVersion, serviceFormAction, serviceRecordAction } from '../service-action.js';
import { titleSearch } from '../title-search.js';

/**
 * «Клиенты»: the card (docs/product.md §2) with its mini-blocks, contact persons and status (docs/product.md §3).
 * «Создать» and «Редактировать» call ClientService; the status actions call ClientStatusService.
 */
const crmUsers = allow('admin', 'manager');

const yesNo = (value: unknown) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : null;

/**
 * The kind of the card's current stage (the database keeps it equal to the stage's) allows
 * `action`: the same table ClientStatusService refuses by.
 */
const stageAllows = (action: ClientAction) => (context: ActionContext) =>
  canClient(action, context.record?.params.stageKind as StageKind);

/** A field of a mini-block; `shown` is the component it is shown and edited with, if not AdminJS's. */
const miniBlock = (block: string, shown?: string) => ({
  components: { edit: Components.MiniBlockField, show: Components.MiniBlockField },
  custom: { block, ...(shown ? { components: { show: shown, edit: shown } } : {}) },
});

/** A field's place on the card (record-page.tsx) added to what its mini-block already says. */
const withLayout = (
  options: ReturnType<typeof miniBlock>,
  layout: { section?: string; fact?: boolean; side?: boolean },
) => ({ ...options, custom: { ...options.custom, ...layout } });

export const clientResource = (
  clients: ClientService,
  statuses: ClientStatusService,
  history: HistoryService,
  deals: DealService,
) =>
  defineResource({
    entity: Client,
    label: 'Клиенты',
    buttons: { addNewItem: 'Добавить контактное лицо' },
    options: {
      navigation: navigation.crm,
      sort: { sortBy: 'addedOn', direction: 'desc' },
      listProperties: [
        'addedOn',
        'companyName',
        'sectorId',
        'departmentId',
        'stageId',
        'stageItemId',
        'responsibleUserId',
        'stageDueAt',
      ],
      showProperties: [
        'stageId',
        'stageItemId',
        'stageKind',
        'stageDueAt',
        'departmentId',
        'responsibleUserId',
        'statusPanel',
        'companyName',
        'sectorId',
        'companyProfileId',
        'productCategoryId',
        'source',
        'addedOn',
        'stageSince',
        'phone',
        'email',
        'address',
        'contacts',
        'turnoverValue',
        'turnoverYear',
        'inn',
        'info',
        'createdFromLeadId',
        'bitrixId',
        'clientTimeline',
      ],
      editProperties: [
        'companyName',
        'source',
        'sectorId',
        'companyProfileId',
        'productCategoryId',
        'departmentId',
        'responsibleUserId',
        'phone',
        'email',
        'turnoverEnabled',
        'turnoverValue',
        'turnoverUnit',
        'turnoverYear',
        'innEnabled',
        'inn',
        'infoEnabled',
        'info',
        'addressEnabled',
        'address',
        'fullNameEnabled',
        'positionEnabled',
        'contacts',
        'confirmNotDuplicate',
      ],
      filterProperties: [
        'companyName',
        'inn',
        'phone',
        'email',
        'sectorId',
        'departmentId',
        'stageKind',
        'stageId',
        'responsibleUserId',
        'addedOn',
        'stageDueAt',
      ],
      actions: {
        list: { isAccessible: crmUsers },
        export: exportAction(crmUsers),
        show: {
          isAccessible: crmUsers,
          after: async (response: ActionResponse) => {
            const record = response.record as { id?: string; params: Record<string, unknown> } | undefined;
            if (record?.id) {
              const id = Number(record.id);
              record.params.clientCard = JSON.stringify({
                ...(await clients.card(id)),
                deals: await deals.ofClient(id),
              });
            }
            return response;
          },
        },
        search: titleSearch(crmUsers),
        new: serviceFormAction({
          isAccessible: crmUsers,
          successMessage: 'clientSaved',
          save: (payload, { currentAdmin }) =>
            clients.create(payload, {
              id: Number(currentAdmin?.id),
              departmentId:
                (currentAdmin as { departmentId?: number | null } | undefined)?.departmentId ?? null,
            }),
        }),
        edit: serviceFormAction({
          isAccessible: crmUsers,
          isVisible: whenMayChange(),
          successMessage: 'clientSaved',
          save: (payload, { currentAdmin, record }) =>
            // AdminJS's edit form sends the version the user saw as `version`.
            clients.update(
              Number(record?.id()),
              payload,
              { id: Number(currentAdmin?.id) },
              sentVersion(payload.expectedVersion ?? payload.version),
            ),
        }),
        delete: {
          isAccessible: allow('admin'),
          handler: async (
            request: ActionRequest,
            _response: unknown,
            context: ActionContext,
          ): Promise<ActionResponse> => {
            const { record, resource, h, currentAdmin } = context;
            if (!record) throw new DomainError('client.not_found', 'Клиент не найден', { status: 404 });
            if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
            await clients.remove(Number(record.id()));
            return {
              record: record.toJSON(currentAdmin),
              redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
              notice: { message: 'successfullyDeleted', type: 'success' },
            };
          },
        },
        bulkDelete: { isAccessible: () => false },
        sectorDescriptions: {
          actionType: 'resource' as const,
          component: false as const,
          isVisible: false,
          isAccessible: crmUsers,
          handler: async () => ({ sectors: await clients.sectorDescriptions() }),
        },
        newDeal: serviceRecordAction({
          icon: 'PlusCircle',
          component: Components.DealCreateForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(),
          successMessage: 'dealSaved',
          load: async () => ({ responsibleChoices: await deals.responsibleChoices() }),
          run: (id, payload, actorId) =>
            deals.create(
              id,
              {
                kind: payload.kind,
                dealDate: payload.dealDate,
                startsOn: payload.startsOn,
                responsibleUserId:
                  typeof payload.responsibleUserId === 'string' && /^\d{1,9}$/.test(payload.responsibleUserId)
                    ? Number(payload.responsibleUserId)
                    : null,
              },
              { id: actorId },
            ),
          redirect: (deal, { h }) =>
            h.recordActionUrl({
              resourceId: 'Deal',
              recordId: String((deal as { id: number }).id),
              actionName: 'show',
            }),
        }),
        addHistoryEvent: serviceRecordAction({
          icon: 'MessageSquare',
          component: Components.HistoryEventForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(),
          successMessage: 'historyEventSaved',
          load: async () => ({ eventTypes: await history.eventTypes() }),
          run: (id, payload, actorId) =>
            history.create(
              id,
              {
                typeId: payload.typeId,
                comment: payload.comment,
                eventDate: payload.eventDate,
                planned: payload.planned,
              },
              { id: actorId },
            ),
        }),
        changeStatus: serviceRecordAction({
          icon: 'ArrowRight',
          component: Components.ClientStatusForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(stageAllows('changeStatus')),
          successMessage: 'clientStatusChanged',
          load: async (id) => ({ statusOptions: await statuses.options(id) }),
          run: (id, payload, actorId) =>
            statuses.changeStatus(
              id,
              {
                itemId: payload.itemId === 'pass' ? 'pass' : Number(payload.itemId),
                remark: payloadText(payload.remark),
                expectedVersion: sentVersion(payload.expectedVersion),
              },
              { id: actorId },
            ),
        }),
        setStage: serviceRecordAction({
          icon: 'Edit3',
          component: Components.ClientStatusForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(stageAllows('setStage')),
          successMessage: 'clientStatusChanged',
          load: async (id) => ({ statusOptions: await statuses.options(id) }),
          run: (id, payload, actorId) =>
            statuses.setStage(
              id,
              {
                stageId: Number(payload.stageId),
                remark: payloadText(payload.remark),
                expectedVersion: sentVersion(payload.expectedVersion),
              },
              { id: actorId },
            ),
        }),
        deactivate: serviceRecordAction({
          icon: 'XCircle',
          component: Components.ClientStatusForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(stageAllows('deactivate')),
          successMessage: 'clientStatusChanged',
          run: (id, payload, actorId) =>
            statuses.deactivate(
              id,
              {
                reason: payloadText(payload.reason) ?? '',
                expectedVersion: sentVersion(payload.expectedVersion),
              },
              { id: actorId },
            ),
        }),
        activate: serviceRecordAction({
          icon: 'RotateCcw',
          component: Components.ClientStatusForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(stageAllows('activate')),
          successMessage: 'clientStatusChanged',
          run: (id, payload, actorId) =>
            statuses.activate(
              id,
              { remark: payloadText(payload.remark), expectedVersion: sentVersion(payload.expectedVersion) },
              { id: actorId },
            ),
        }),
        contractFollowUp: serviceRecordAction({
          icon: 'FileText',
          component: Components.ClientStatusForm,
          isAccessible: crmUsers,
          isVisible: whenMayChange(stageAllows('contractFollowUp')),
          successMessage: 'clientStatusChanged',
          run: (id, payload, actorId) =>
            statuses.recordContractFollowUp(
              id,
              {
                depositPaid: yesNo(payload.depositPaid),
                acceptanceActSigned: yesNo(payload.acceptanceActSigned),
                remark: payloadText(payload.remark),
                expectedVersion: sentVersion(payload.expectedVersion),
              },
              { id: actorId },
            ),
        }),
      },
    },
    properties: {
      id: { label: 'ID' },
      addedOn: {
        label: 'Дата добавления контакта',
        isVisible: { list: true, show: true, filter: true, edit: false },
        custom: { section: 'Компания' },
      },
      source: { label: 'Источник контакта', custom: { section: 'Компания' } },
      bitrixId: {
        label: 'ID в Битрикс24',
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { section: 'Сведения' },
      },
      createdFromLeadId: {
        label: 'Лид',
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { section: 'Сведения' },
      },
      companyName: { label: 'Наименование компании', isTitle: true, custom: { section: 'Компания' } },
      sectorId: {
        label: 'Профиль клиента',
        components: { edit: Components.SectorSelect },
        custom: { section: 'Компания' },
      },
      companyProfileId: { label: 'Профиль компании', custom: { section: 'Компания' } },
      productCategoryId: { label: 'Категория товара', custom: { section: 'Компания' } },
      departmentId: { label: 'Отдел', custom: { fact: true, listRoles: ['admin'] } },
      responsibleUserId: { label: 'Ответственный', custom: { fact: true } },
      phone: { label: 'Телефон', ...shownAs.phone, custom: { section: 'Контакты' } },
      email: { label: 'Почта', custom: { section: 'Контакты' } },
      turnoverEnabled: { label: 'Товарооборот' },
      turnoverValue: {
        label: 'Товарооборот, значение',
        type: 'string',
        ...withLayout(miniBlock('turnoverEnabled', Components.TurnoverValue), { section: 'Сведения' }),
      },
      turnoverUnit: { label: 'Единица', values: turnoverUnitLabels, ...miniBlock('turnoverEnabled') },
      turnoverYear: {
        label: 'Год',
        ...withLayout(miniBlock('turnoverEnabled'), { section: 'Сведения' }),
        availableValues: turnoverYears().map((year) => ({ value: String(year), label: String(year) })),
      },
      innEnabled: { label: 'ИНН' },
      inn: { label: 'ИНН', ...withLayout(miniBlock('innEnabled'), { section: 'Сведения' }) },
      infoEnabled: { label: 'Информация о компании' },
      info: {
        label: 'Информация о компании',
        type: 'textarea',
        ...withLayout(miniBlock('infoEnabled'), { section: 'Сведения' }),
      },
      addressEnabled: { label: 'Адрес' },
      address: { label: 'Адрес', ...withLayout(miniBlock('addressEnabled'), { section: 'Контакты' }) },
      fullNameEnabled: { label: 'ФИО' },
      positionEnabled: { label: 'Должность' },
      contacts: {
        label: 'Контактные лица',
        type: 'mixed',
        isArray: true,
        components: { show: Components.ContactsShow },
        custom: { section: 'Контактные лица' },
      },
      'contacts.lastName': { label: 'Фамилия', type: 'string', ...miniBlock('fullNameEnabled') },
      'contacts.firstName': { label: 'Имя', type: 'string', ...miniBlock('fullNameEnabled') },
      'contacts.middleName': { label: 'Отчество', type: 'string', ...miniBlock('fullNameEnabled') },
      'contacts.position': { label: 'Должность', type: 'string', ...miniBlock('positionEnabled') },
      'contacts.phone': { label: 'Телефон', type: 'string', ...miniBlock('', Components.PhoneValue) },
      'contacts.email': { label: 'Почта', type: 'string', ...miniBlock('') },
      pipelineId: { label: 'Воронка' },
      stageId: { label: 'Этап', custom: { fact: true } },
      stageItemId: { label: 'Детализация', custom: { fact: true } },
      stageKind: {
        label: 'Состояние',
        values: { open: 'В работе', won: 'Договор подписан', lost: 'Не активен' },
        custom: { fact: true },
      },
      inactiveReason: { label: 'Причина деактивации' },
      resumeStageId: { label: 'Этап до деактивации' },
      resumeStageItemId: { label: 'Детализация до деактивации' },
      depositPaid: { label: 'Оплата обеспечительного платежа' },
      acceptanceActSigned: { label: 'Подписание акта приёма-передачи' },
      version: { label: 'Версия', isVisible: false },
      // Kept by the database (trigger client_stage_deadline) from the stage's limit: never edited.
      stageSince: {
        label: 'На этапе с',
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { section: 'Компания' },
      },
      stageDueAt: {
        label: 'Срок',
        isVisible: { list: true, show: true, filter: true, edit: false },
        custom: { fact: true, deadline: true },
      },
      createdAt: { label: 'Создан' },
      updatedAt: { label: 'Изменён' },
      confirmNotDuplicate: {
        label: 'Это другой клиент — создать, несмотря на похожие карточки',
        type: 'boolean',
        isVisible: { list: false, show: false, filter: false, edit: true },
      },
      statusPanel: {
        label: 'Статус клиента',
        components: { show: Components.ClientStatusPanel },
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { side: true },
      },
      clientTimeline: {
        label: 'История',
        components: { show: Components.ClientTimeline },
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { side: true },
      },
    },
  });
