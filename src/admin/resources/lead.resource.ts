import { Lead } from '../../modules/lead/entities/lead.entity.js';
import { leadOutcomeLabels, leadStatusLabels } from '../../modules/lead/lead-transitions.js';
import { allow } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

/**
 * «Лиды»: managers and administrators read them here. Nothing is written through AdminJS's
 * generic forms: status and the fields each move requires change only through LeadService
 * (the transition actions and the public form come with the rest of issue 3).
 */
const crmUsers = allow('admin', 'manager');
const nobody = () => false;

export const leadResource = defineResource({
  entity: Lead,
  label: 'Лиды',
  options: {
    navigation: navigation.crm,
    sort: { sortBy: 'createdAt', direction: 'desc' },
    listProperties: ['createdAt', 'status', 'company', 'name', 'phone', 'objectTypeId', 'responsibleUserId'],
    showProperties: [
      'status',
      'source',
      'name',
      'company',
      'phone',
      'email',
      'objectTypeId',
      'extra',
      'responsibleUserId',
      'submittedAt',
      'primaryResult',
      'primaryResultDate',
      'summary',
      'summaryDate',
      'outcome',
      'consentTextVersion',
      'consentAt',
      'consentIp',
      'createdAt',
      'updatedAt',
    ],
    filterProperties: [
      'status',
      'objectTypeId',
      'responsibleUserId',
      'company',
      'phone',
      'email',
      'createdAt',
    ],
    actions: {
      list: { isAccessible: crmUsers },
      show: { isAccessible: crmUsers },
      search: { isAccessible: crmUsers },
      new: { isAccessible: nobody },
      edit: { isAccessible: nobody },
      delete: { isAccessible: nobody },
      bulkDelete: { isAccessible: nobody },
    },
  },
  properties: {
    id: { label: 'ID' },
    status: { label: 'Статус', values: leadStatusLabels },
    source: { label: 'Источник', values: { form: 'Форма обратной связи', manual: 'Создан вручную' } },
    name: { label: 'Имя' },
    company: { label: 'Компания', isTitle: true },
    phone: { label: 'Телефон' },
    email: { label: 'Эл.почта' },
    objectTypeId: { label: 'Тип объекта' },
    extra: { label: 'Дополнительные данные', type: 'textarea' },
    consentTextVersion: { label: 'Версия текста согласия' },
    consentAt: { label: 'Согласие получено' },
    consentIp: { label: 'IP-адрес согласия' },
    responsibleUserId: { label: 'Ответственный' },
    submittedAt: { label: 'Отправлен в работу' },
    primaryResult: { label: 'Результат первичной обработки', type: 'textarea' },
    primaryResultDate: { label: 'Дата обработки (первичной)' },
    summary: { label: 'Итог', type: 'textarea' },
    summaryDate: { label: 'Дата обработки (итог)' },
    outcome: { label: 'Префикс итоговой обработки', values: leadOutcomeLabels },
    version: { label: 'Версия', isVisible: false },
    createdAt: { label: 'Создан' },
    updatedAt: { label: 'Изменён' },
  },
});
