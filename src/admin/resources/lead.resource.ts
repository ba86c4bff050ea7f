import type { ActionContext, ActionResponse } from 'adminjs';

import { Lead } from '../../modules/lead/entities/lead.entity.js';
import {
  leadOutcomeLabels,
  leadStatusLabels,
  leadTransitions,
  type LeadOutcome,
  type LeadTransition,
} from '../../modules/lead/lead-transitions.js';
import type { ConversionChoice } from '../../modules/client/client.service.js';
import { isDraftRequest } from '../../modules/lead/lead-input.js';
import type { LeadService } from '../../modules/lead/lead.service.js';
import { allow, readOnlyActions, whenMayChange } from '../access.js';
import { Components, shownAs } from '../component-loader.js';
import { exportAction } from '../list-export.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';
import {
  serviceFormAction,
  payloadText,
  sentVersion,
  serviceRecordAction,
  type ActionPayload,
} from '../service-action.js';

/**
 * «Лиды»: managers and administrators read them here. Nothing is written through AdminJS's
 * generic forms: the status and the fields each move requires change only through LeadService,
 * whose methods the three record actions below call (their form: components/lead-transition-form.tsx).
 */
const crmUsers = allow('admin', 'manager');

/** One of the three status moves: its form posts to it, LeadService does the move. */
function transitionAction(
  transition: LeadTransition,
  icon: string,
  run: (leadId: number, payload: ActionPayload, actorId: number) => Promise<unknown>,
  extra: Pick<Parameters<typeof serviceRecordAction>[0], 'load' | 'redirect'> = {},
) {
  return serviceRecordAction({
    icon,
    component: Components.LeadTransitionForm,
    isAccessible: crmUsers,
    isVisible: whenMayChange(
      (context: ActionContext) => context.record?.params.status === leadTransitions[transition].from,
    ),
    successMessage: 'leadStatusChanged',
    run,
    ...extra,
  });
}

/**
 * «Создать» for leads: a manager records a call. Saved by LeadService.create as a draft, or
 * straight to «Новый» (with the department's mail) when «Сразу отправить в работу» is ticked.
 */
function manualLeadAction(leads: LeadService) {
  return serviceFormAction({
    isAccessible: crmUsers,
    successMessage: 'leadCreated',
    save: (payload, { currentAdmin }) =>
      leads.create(payload, {
        source: 'manual',
        // AdminJS hands a boolean property over as a boolean.
        draft: !isDraftRequest({ draft: payload.submitNow }),
        actor: { id: Number(currentAdmin?.id) },
      }),
  });
}

/** Puts the lead's status history (LeadService.statusHistory, statuses in Russian) in the record shown. */
function withStatusHistory(leads: LeadService) {
  return async (response: ActionResponse): Promise<ActionResponse> => {
    const record = response.record as { id?: string; params: Record<string, unknown> } | undefined;
    if (!record?.id) return response;
    const history = await leads.statusHistory(Number(record.id));
    record.params.statusHistory = JSON.stringify(
      history.map((entry) => ({
        ...entry,
        from: entry.from ? leadStatusLabels[entry.from] : null,
        to: leadStatusLabels[entry.to],
      })),
    );
    return response;
  };
}

/** «Создать нового клиента» or the id of the card to link the lead to. */
const clientChoice = (value: unknown): ConversionChoice | undefined =>
  value === 'new' ? 'new' : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

export const leadResource = (leads: LeadService) =>
  defineResource({
    entity: Lead,
    label: 'Лиды',
    options: {
      navigation: navigation.crm,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: [
        'createdAt',
        'status',
        'company',
        'name',
        'phone',
        'departmentId',
        'responsibleUserId',
        'dueAt',
      ],
      showProperties: [
        'status',
        'dueAt',
        'departmentId',
        'responsibleUserId',
        'company',
        'name',
        'phone',
        'email',
        'objectTypeId',
        'extra',
        'source',
        'statusSince',
        'submittedAt',
        'primaryResult',
        'primaryResultDate',
        'summary',
        'summaryDate',
        'outcome',
        'clientId',
        'consentTextVersion',
        'consentAt',
        'consentIp',
        'bitrixId',
        'createdAt',
        'updatedAt',
        'statusHistory',
      ],
      editProperties: ['name', 'company', 'phone', 'email', 'objectTypeId', 'extra', 'submitNow'],
      filterProperties: [
        'status',
        'departmentId',
        'objectTypeId',
        'responsibleUserId',
        'company',
        'phone',
        'email',
        'createdAt',
        'dueAt',
      ],
      actions: {
        ...readOnlyActions(crmUsers),
        export: exportAction(crmUsers),
        show: { isAccessible: crmUsers, after: withStatusHistory(leads) },
        new: manualLeadAction(leads),
        submit: transitionAction('submit', 'Send', (id, payload, actorId) =>
          leads.submit(id, { id: actorId }, sentVersion(payload.expectedVersion)),
        ),
        takeIntoWork: transitionAction('takeIntoWork', 'UserCheck', (id, payload, actorId) =>
          leads.takeIntoWork(
            id,
            {
              primaryResult: payloadText(payload.primaryResult) ?? '',
              processedOn: payloadText(payload.processedOn),
              expectedVersion: sentVersion(payload.expectedVersion),
            },
            { id: actorId },
          ),
        ),
        finishProcessing: transitionAction(
          'finishProcessing',
          'CheckCircle',
          (id, payload, actorId) =>
            leads.finishProcessing(
              id,
              {
                summary: payloadText(payload.summary) ?? '',
                processedOn: payloadText(payload.processedOn),
                outcome: payload.outcome as LeadOutcome,
                expectedVersion: sentVersion(payload.expectedVersion),
                clientChoice: clientChoice(payload.clientChoice),
              },
              { id: actorId },
            ),
          {
            // The form shows the similar cards at once, so that the manager decides before converting.
            load: async (id) => ({ duplicates: await leads.possibleClients(id) }),
            // A converted lead (a new card or one it was linked to) opens its client's card, where
            // the work goes on; «Не активен» stays on the lead.
            redirect: (result, { h }) => {
              const lead = result as Pick<Lead, 'id' | 'outcome' | 'clientId'>;
              return lead.outcome === 'convert' && lead.clientId !== null
                ? h.recordActionUrl({
                    resourceId: 'Client',
                    recordId: String(lead.clientId),
                    actionName: 'show',
                  })
                : h.recordActionUrl({ resourceId: 'Lead', recordId: String(lead.id), actionName: 'show' });
            },
          },
        ),
      },
    },
    properties: {
      id: { label: 'ID' },
      status: { label: 'Статус', values: leadStatusLabels, custom: { fact: true } },
      source: {
        label: 'Источник',
        values: { form: 'Форма обратной связи', manual: 'Создан вручную' },
        custom: { section: 'Обращение' },
      },
      // Columns per role (list-columns.ts): a manager sees whom to call, an administrator which department.
      name: { label: 'Имя', custom: { section: 'Обращение', listRoles: ['manager'] } },
      company: { label: 'Компания', isTitle: true, custom: { section: 'Обращение' } },
      phone: { label: 'Телефон', ...shownAs.phone, custom: { section: 'Обращение' } },
      email: { label: 'Эл.почта', isTitle: false, custom: { section: 'Обращение' } },
      objectTypeId: { label: 'Тип объекта', custom: { section: 'Обращение' } },
      // When a staff member's move made the visitor's draft key stop working (draft-token.ts).
      draftTokenRevokedAt: { label: 'Ключ черновика отозван', isVisible: false },
      clientId: { label: 'Клиент', custom: { section: 'Обработка' } },
      departmentId: {
        label: 'Отдел',
        isVisible: { list: true, show: true, filter: true, edit: false },
        custom: { fact: true, listRoles: ['admin'] },
      },
      submitNow: {
        label: 'Сразу отправить в работу (статус «Новый», письмо отделу)',
        type: 'boolean',
        isVisible: { list: false, show: false, filter: false, edit: true },
      },
      statusHistory: {
        label: 'История статусов',
        components: { show: Components.LeadStatusHistory },
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { side: true },
      },
      extra: { label: 'Дополнительные данные', type: 'textarea', custom: { section: 'Обращение' } },
      // Kept by the database (trigger lead_deadline) from «Сроки обработки лидов»: never edited.
      statusSince: {
        label: 'В статусе с',
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { section: 'Обращение' },
      },
      dueAt: {
        label: 'Срок',
        isVisible: { list: true, show: true, filter: true, edit: false },
        custom: { fact: true, deadline: true },
      },
      consentTextVersion: { label: 'Версия текста согласия', custom: { section: 'Согласие и служебное' } },
      consentAt: { label: 'Согласие получено', custom: { section: 'Согласие и служебное' } },
      consentIp: { label: 'IP-адрес согласия', custom: { section: 'Согласие и служебное' } },
      bitrixId: {
        label: 'ID в Битрикс24',
        isVisible: { list: false, show: true, filter: false, edit: false },
        custom: { section: 'Согласие и служебное' },
      },
      responsibleUserId: { label: 'Ответственный', custom: { fact: true } },
      submittedAt: { label: 'Отправлен в работу', custom: { section: 'Обращение' } },
      primaryResult: {
        label: 'Результат первичной обработки',
        type: 'textarea',
        custom: { section: 'Обработка' },
      },
      primaryResultDate: { label: 'Дата обработки (первичной)', custom: { section: 'Обработка' } },
      summary: { label: 'Итог', type: 'textarea', custom: { section: 'Обработка' } },
      summaryDate: { label: 'Дата обработки (итог)', custom: { section: 'Обработка' } },
      outcome: {
        label: 'Префикс итоговой обработки',
        values: leadOutcomeLabels,
        custom: { section: 'Обработка' },
      },
      version: { label: 'Версия', isVisible: false },
      createdAt: { label: 'Создан', custom: { section: 'Обращение' } },
      updatedAt: { label: 'Изменён', custom: { section: 'Согласие и служебное' } },
    },
  });
