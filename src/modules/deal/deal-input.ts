import { DomainError } from '../../common/domain-error.js';
import { cleanText, toId } from '../../common/input-values.js';
import type { DealLineKind } from './deal-summary.js';
import { dealLineKinds } from './entities/deal-line.entity.js';

/** A deal line as a form or `/api/deals` sends it, checked: exactly the fields of its kind. */
export interface DealLineInput {
  kind: DealLineKind;
  premisesId: number | null;
  serviceTypeId: number | null;
  volume: string | null;
  termYears: number;
  costPerYear: string;
}

const MAX_VOLUME = 5000;

/** The lines a form or the API sends: per line, exactly the fields of its kind. */
export function parseLines(body: unknown): DealLineInput[] {
  const list = Array.isArray(body) ? body : [];
  if (!Array.isArray(body)) throw new DomainError('deal.lines_not_list', 'Ожидается список строк сделки');
  if (list.length > 100) throw new DomainError('deal.too_many_lines', 'Не больше 100 строк в сделке');
  const errors: Record<string, string> = {};
  const lines = list.map((raw: unknown, index): DealLineInput => {
    const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const own = (name: string) => (Object.hasOwn(item, name) ? item[name] : undefined);
    const path = (name: string) => `lines.${index}.${name}`;
    const kind = dealLineKinds.includes(own('kind') as DealLineKind)
      ? (own('kind') as DealLineKind)
      : undefined;
    if (!kind) errors[path('kind')] = 'Выберите вид строки: помещение, услуга ВЭД или услуга 3PL';
    const id = (name: string): number | null => {
      const value = own(name);
      if (value === undefined || value === null || value === '') return null;
      return toId(value) ?? NaN;
    };
    const premisesId = id('premisesId');
    const serviceTypeId = id('serviceTypeId');
    const rawVolume = own('volume');
    const volume = typeof rawVolume === 'string' && cleanText(rawVolume) !== '' ? cleanText(rawVolume) : null;
    if (kind === 'premises') {
      if (premisesId === null || Number.isNaN(premisesId))
        errors[path('premisesId')] = 'Выберите помещение из справочника объектов';
      if (serviceTypeId !== null) errors[path('serviceTypeId')] = 'У строки с помещением нет вида услуги';
      if (volume !== null) errors[path('volume')] = 'У строки с помещением нет объёма услуги';
    } else if (kind) {
      if (serviceTypeId === null || Number.isNaN(serviceTypeId)) {
        errors[path('serviceTypeId')] =
          kind === 'ved' ? 'Выберите услугу ВЭД из списка' : 'Выберите услугу 3PL из списка';
      }
      if (premisesId !== null) errors[path('premisesId')] = 'У строки с услугой нет помещения';
      if (volume !== null && volume.length > MAX_VOLUME)
        errors[path('volume')] = `Не длиннее ${MAX_VOLUME} символов`;
    }
    const rawTerm = own('termYears');
    const termYears =
      typeof rawTerm === 'number'
        ? rawTerm
        : typeof rawTerm === 'string' && /^\d{1,3}$/.test(rawTerm)
          ? Number(rawTerm)
          : NaN;
    if (!Number.isInteger(termYears) || termYears < 1 || termYears > 50) {
      errors[path('termYears')] = 'Срок — целое число лет, от 1 до 50';
    }
    const rawCost = own('costPerYear');
    const costText =
      typeof rawCost === 'number'
        ? String(rawCost)
        : typeof rawCost === 'string'
          ? rawCost.replace(/\s/g, '').replace(',', '.')
          : '';
    const costPerYear = /^\d{1,12}(\.\d{1,2})?$/.test(costText) ? costText : '';
    if (!costPerYear)
      errors[path('costPerYear')] =
        'Стоимость в год — неотрицательная сумма в рублях, не больше двух знаков после запятой';
    return {
      kind: kind ?? 'premises',
      premisesId: kind === 'premises' ? premisesId : null,
      serviceTypeId: kind === 'premises' ? null : serviceTypeId,
      volume: kind === 'premises' ? null : volume,
      termYears,
      costPerYear,
    };
  });
  if (Object.keys(errors).length > 0)
    throw new DomainError('deal.invalid_lines', 'Проверьте строки сделки', { fields: errors });
  return lines;
}
