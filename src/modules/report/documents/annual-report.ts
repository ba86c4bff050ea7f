import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

import { barChart, monthColumns } from './charts.js';
import {
  compared,
  comparedMoney,
  dataTable,
  keyFigures,
  reportDocument,
  section,
  subsection,
} from './document-frame.js';
import type { AnnualReportData, AnnualSection, NamedCount, NamedMoney } from './report-data.js';
import {
  formatCount,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatRate,
  formatWholeRubles,
} from '../../../common/ru-format.js';
import { formatDelta, moneyAsNumber, monthName } from './report-format.js';

export const ANNUAL_REPORT_TITLE = 'Годовая статистика по работе с компаниями';

/**
 * «Годовая статистика по работе с компаниями»: the whole park, then a part per department, each
 * figure beside the previous year's, with a table of contents. A pure function of the data.
 */
export function buildAnnualReport(data: AnnualReportData): TDocumentDefinitions {
  const years = { current: String(data.year), previous: String(data.year - 1) };
  return reportDocument({
    title: ANNUAL_REPORT_TITLE,
    subtitle: `${data.year} год · сравнение с ${data.year - 1} годом`,
    header: `${ANNUAL_REPORT_TITLE} · ${data.year} год`,
    content: [
      {
        text: `Все департаменты и отдельно каждый. Сформирован ${formatDateTime(data.generatedAt)} (время московское).`,
        style: 'muted',
        margin: [0, 0, 0, 10],
      },
      { toc: { title: { text: 'Содержание', style: 'section' } } },
      ...sectionContent(data.overall, years, true),
      ...data.departments.flatMap((department) => sectionContent(department, years, false)),
    ],
  });
}

interface Years {
  current: string;
  previous: string;
}

function sectionContent(part: AnnualSection, years: Years, overall: boolean): Content[] {
  return [
    section(part.title, { toc: true, pageBreak: true }),
    keyFigures([
      {
        label: 'новых клиентов',
        value: formatCount(part.clientsAdded.current),
        note: was(part.clientsAdded.previous),
      },
      {
        label: 'лидов преобразовано в клиентов',
        value: formatRate(part.convertedLeads.current, part.leads.current),
        note: `было ${formatRate(part.convertedLeads.previous, part.leads.previous)}`,
      },
      { label: 'подписано сделок', value: formatCount(part.deals.current), note: was(part.deals.previous) },
      {
        label: 'сумма сделок',
        value: formatWholeRubles(part.dealsValue.current),
        note: `было ${formatWholeRubles(part.dealsValue.previous)}`,
      },
    ]),
    subsection('Новые клиенты по месяцам'),
    monthColumns(
      part.months.map((month) => ({
        label: monthName(month.month).slice(0, 3),
        current: month.clients.current,
        previous: month.clients.previous,
      })),
      { current: `${years.current} год`, previous: `${years.previous} год` },
    ),
    subsection('Сделки по месяцам (сумма)'),
    monthColumns(
      part.months.map((month) => ({
        label: monthName(month.month).slice(0, 3),
        current: moneyAsNumber(month.value.current),
        previous: moneyAsNumber(month.value.previous),
      })),
      { current: `${years.current} год`, previous: `${years.previous} год` },
    ),
    dataTable(
      [
        'Месяц',
        `Клиенты ${years.current}`,
        years.previous,
        `Сделки ${years.current}`,
        years.previous,
        `Сумма ${years.current}`,
        years.previous,
      ],
      part.months.map((month) => [
        monthName(month.month),
        formatCount(month.clients.current),
        formatCount(month.clients.previous),
        formatCount(month.deals.current),
        formatCount(month.deals.previous),
        formatMoney(month.value.current),
        formatMoney(month.value.previous),
      ]),
      { numeric: [1, 2, 3, 4, 5, 6] },
    ),
    subsection('Клиенты на конец года по профилю клиента'),
    countTable('Профиль клиента', part.clientsBySector, years),
    subsection('Клиенты на конец года по профилю компании'),
    countTable('Профиль компании', part.clientsByCompanyProfile, years),
    subsection('Клиенты на конец года по категории товара'),
    countTable('Категория товара', part.clientsByProductCategory, years),
    subsection('Клиенты по статусу на конец года'),
    ...part.clientsByStatus.flatMap((pipeline) => [
      { text: pipeline.pipeline, bold: true, margin: [0, 2, 0, 0] } as Content,
      countTable('Этап', pipeline.stages, years),
    ]),
    ...(part.clientsByStatus.length === 0 ? [{ text: 'Клиентов нет', style: 'muted' } as Content] : []),
    subsection('Деактивации, возобновления, конверсия лидов'),
    dataTable(
      ['Показатель', years.current, years.previous, 'Изменение'],
      [
        comparedRow('Деактивировано клиентов', part.deactivated),
        comparedRow('Возобновлено (активировано снова)', part.reactivated),
        comparedRow('Поступило лидов', part.leads),
        comparedRow('Преобразовано в клиентов', part.convertedLeads),
        [
          'Конверсия лидов в клиентов',
          formatRate(part.convertedLeads.current, part.leads.current),
          formatRate(part.convertedLeads.previous, part.leads.previous),
          '',
        ],
      ],
      { numeric: [1, 2, 3] },
    ),
    {
      text: `Новые клиенты за год: ${compared(part.clientsAdded)}. Сумма сделок: ${comparedMoney(part.dealsValue)}.`,
      style: 'muted',
    },
    ...(overall
      ? [subsection('Сделки по департаментам'), moneyTable('Департамент', part.dealsByDepartment, years)]
      : []),
    subsection('Сделки по видам услуг'),
    barChart(
      part.dealsByService.map((row) => ({
        label: row.name,
        value: moneyAsNumber(row.total.current),
        previous: moneyAsNumber(row.total.previous),
        text: formatMoney(row.total.current),
      })),
      { emptyText: 'Сделок за год нет' },
    ),
    moneyTable('Услуга / тип объекта', part.dealsByService, years),
    subsection('Крупнейшие клиенты по сумме сделок'),
    dataTable(
      ['Клиент', `Сумма ${years.current}`, `Сумма ${years.previous}`],
      part.largestClients.map((row) => [
        row.name,
        formatMoney(row.total.current),
        formatMoney(row.total.previous),
      ]),
      { numeric: [1, 2], emptyText: 'Сделок за год нет' },
    ),
    subsection('Загрузка помещений на конец года'),
    dataTable(
      [
        'Тип объекта',
        'Помещений',
        `Занято ${years.current}`,
        years.previous,
        'Площадь, м²',
        'Занято, м²',
        'Загрузка',
      ],
      part.occupancy.map((row) => [
        row.objectType,
        formatCount(row.premises),
        formatCount(row.occupied.current),
        formatCount(row.occupied.previous),
        formatNumber(row.areaM2),
        formatNumber(row.occupiedAreaM2),
        formatRate(Number(row.occupiedAreaM2), Number(row.areaM2)),
      ]),
      { numeric: [1, 2, 3, 4, 5, 6], emptyText: 'В справочнике объектов нет помещений' },
    ),
    subsection('Заявленный товарооборот по профилю клиента'),
    dataTable(
      [
        'Профиль клиента',
        'Единица',
        `Клиентов ${years.current}`,
        years.previous,
        `Товарооборот ${years.current}`,
        years.previous,
      ],
      part.turnover.map((row) => [
        row.sector,
        row.unit,
        formatCount(row.clients.current),
        formatCount(row.clients.previous),
        formatNumber(row.total.current),
        formatNumber(row.total.previous),
      ]),
      { numeric: [2, 3, 4, 5], emptyText: 'Товарооборот клиентами не заявлен' },
    ),
  ];
}

function was(previous: number): string {
  return `было ${formatCount(previous)}`;
}

function comparedRow(label: string, figure: { current: number; previous: number }): string[] {
  return [
    label,
    formatCount(figure.current),
    formatCount(figure.previous),
    formatDelta(figure.current, figure.previous),
  ];
}

function countTable(label: string, rows: NamedCount[], years: Years): Content {
  return dataTable(
    [label, years.current, years.previous, 'Изменение'],
    rows.map((row) => comparedRow(row.name, row)),
    { numeric: [1, 2, 3], emptyText: 'Клиентов нет' },
  );
}

function moneyTable(label: string, rows: NamedMoney[], years: Years): Content {
  return dataTable(
    [
      label,
      `Сделок ${years.current}`,
      `Сумма ${years.current}`,
      `Сделок ${years.previous}`,
      `Сумма ${years.previous}`,
    ],
    rows.map((row) => [
      row.name,
      formatCount(row.count.current),
      formatMoney(row.total.current),
      formatCount(row.count.previous),
      formatMoney(row.total.previous),
    ]),
    { numeric: [1, 2, 3, 4], emptyText: 'Сделок за год нет' },
  );
}
