import { ClientSector } from '../../modules/pipeline/entities/client-sector.entity.js';
import { Pipeline } from '../../modules/pipeline/entities/pipeline.entity.js';
import { StageItem } from '../../modules/pipeline/entities/stage-item.entity.js';
import { Stage } from '../../modules/pipeline/entities/stage.entity.js';
import { administratorOnlyActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

const timestamps = { createdAt: { label: 'Создано' }, updatedAt: { label: 'Изменено' } };

export const pipelineResource = defineResource({
  entity: Pipeline,
  label: 'Воронки клиентов',
  options: {
    navigation: navigation.dictionaries,
    // The code is for the system (the seeds find a funnel by it): set in the form, not listed.
    listProperties: ['name'],
    showProperties: ['name', 'createdAt', 'updatedAt'],
    editProperties: ['name', 'code'],
    filterProperties: ['name'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    name: { label: 'Воронка', isTitle: true },
    code: { label: 'Код' },
    ...timestamps,
  },
});

export const stageResource = defineResource({
  entity: Stage,
  label: 'Этапы воронок',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'position', direction: 'asc' },
    listProperties: ['pipelineId', 'position', 'name', 'kind', 'limitDays'],
    showProperties: ['pipelineId', 'position', 'name', 'kind', 'hint', 'limitDays', 'createdAt', 'updatedAt'],
    editProperties: ['pipelineId', 'position', 'name', 'kind', 'hint', 'limitDays'],
    filterProperties: ['pipelineId', 'name', 'kind'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    pipelineId: { label: 'Воронка' },
    position: { label: 'Порядок' },
    name: { label: 'Этап', isTitle: true },
    kind: {
      label: 'Вид этапа',
      values: { open: 'Рабочий', won: 'Успешное завершение', lost: 'Не активен (деактивация)' },
    },
    hint: {
      label: 'Что делать дальше',
      type: 'textarea',
      description: 'Подсказка ответственному менеджеру на этом этапе',
    },
    limitDays: {
      label: 'Срок на этапе, рабочих дней',
      description:
        'Сколько рабочих дней клиент может находиться на рабочем этапе; пусто — без срока. Сроки клиентов на этапе пересчитываются в течение минуты после сохранения',
    },
    ...timestamps,
  },
});

export const stageItemResource = defineResource({
  entity: StageItem,
  label: 'Детализация этапов',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'stageId', direction: 'asc' },
    listProperties: ['stageId', 'position', 'name', 'kind'],
    showProperties: ['stageId', 'position', 'name', 'kind', 'createdAt', 'updatedAt'],
    editProperties: ['stageId', 'position', 'name', 'kind'],
    filterProperties: ['stageId', 'name', 'kind'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    stageId: { label: 'Этап' },
    position: { label: 'Порядок' },
    name: { label: 'Пункт детализации', isTitle: true },
    kind: {
      label: 'Действие пункта',
      values: {
        step: 'Промежуточный шаг',
        completes: 'Завершает этап (переход на следующий)',
        fails: 'Отрицательный итог',
      },
    },
    ...timestamps,
  },
});

export const clientSectorResource = defineResource({
  entity: ClientSector,
  label: 'Профили клиентов',
  options: {
    navigation: navigation.dictionaries,
    sort: { sortBy: 'position', direction: 'asc' },
    listProperties: ['name', 'description', 'pipelineId'],
    showProperties: ['name', 'description', 'pipelineId', 'position', 'createdAt', 'updatedAt'],
    editProperties: ['name', 'code', 'description', 'pipelineId', 'position'],
    filterProperties: ['name', 'pipelineId'],
    actions: administratorOnlyActions(),
  },
  properties: {
    id: { label: 'ID' },
    code: { label: 'Код' },
    name: { label: 'Профиль клиента', isTitle: true },
    description: { label: 'Расшифровка' },
    pipelineId: { label: 'Воронка статусов' },
    position: { label: 'Порядок' },
    ...timestamps,
  },
});
