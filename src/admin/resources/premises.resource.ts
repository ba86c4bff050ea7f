import type { ActionResponse } from 'adminjs';

import type { DealService } from '../../modules/deal/deal.service.js';
import { Premises } from '../../modules/dictionary/entities/premises.entity.js';
import { allow } from '../access.js';
import { Components, shownAs } from '../component-loader.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';
import { showOrTitleLookup, titleSearch } from '../title-search.js';

/** Free or taken (by which signed deal, until when): put in each record by the list and show actions. */
function withOccupancy(deals: DealService) {
  return async (response: ActionResponse): Promise<ActionResponse> => {
    const taken = await deals.occupancy();
    const records = (response.records ?? (response.record ? [response.record] : [])) as {
      id: string;
      params: Record<string, unknown>;
    }[];
    for (const record of records) {
      const occupied = taken.get(Number(record.id));
      record.params.occupiedUntil = occupied?.until ?? '';
      record.params.occupiedByDeal = occupied ? String(occupied.dealId) : '';
    }
    return response;
  };
}

export const premisesResource = (deals: DealService) =>
  defineResource({
    entity: Premises,
    label: 'Справочник объектов',
    options: {
      navigation: navigation.dictionaries,
      sort: { sortBy: 'number', direction: 'asc' },
      listProperties: ['number', 'objectTypeId', 'zone', 'sector', 'areaM2', 'occupancy', 'active'],
      showProperties: [
        'number',
        'objectTypeId',
        'zone',
        'sector',
        'areaM2',
        'occupancy',
        'active',
        'note',
        'createdAt',
        'updatedAt',
      ],
      editProperties: ['objectTypeId', 'zone', 'sector', 'number', 'areaM2', 'active', 'note'],
      filterProperties: ['objectTypeId', 'zone', 'sector', 'number', 'active'],
      // As administratorOnlyActions(), with the occupancy added to what the list and pages show.
      actions: {
        list: { isAccessible: allow('admin'), after: withOccupancy(deals) },
        show: showOrTitleLookup(allow('admin'), allow('manager'), [withOccupancy(deals)]),
        new: { isAccessible: allow('admin') },
        edit: { isAccessible: allow('admin') },
        delete: { isAccessible: allow('admin') },
        bulkDelete: { isAccessible: allow('admin') },
        search: titleSearch(allow('admin', 'manager')),
      },
    },
    properties: {
      id: { label: 'ID' },
      objectTypeId: { label: 'Тип объекта' },
      zone: { label: 'Зона объекта' },
      sector: { label: 'Сектор' },
      number: { label: 'Место/№ помещения', isTitle: true },
      areaM2: { label: 'Площадь, м²', type: 'float', ...shownAs.area },
      active: { label: 'Используется' },
      note: { label: 'Примечание', type: 'textarea' },
      occupancy: {
        label: 'Занятость',
        components: { list: Components.PremisesOccupancy, show: Components.PremisesOccupancy },
        isVisible: { list: true, show: true, filter: false, edit: false },
      },
      createdAt: { label: 'Создано' },
      updatedAt: { label: 'Изменено' },
    },
  });
