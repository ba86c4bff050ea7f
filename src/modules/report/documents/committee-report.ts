import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

import { barChart, funnelChart } from './charts.js';
import {
  compared,
  comparedMoney,
  dataTable,
  keyFigures,
  reportDocument,
  section,
  subsection,
} from './document-frame.js';
import type { CommitteeReportData, Compared, Funnel, NamedMoney } from './report-data.js';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatRate,
  formatWholeRubles,
} from '../../../common/ru-format.js';
import { formatDelta, formatHours, formatPeriod, moneyAsNumber } from './report-format.js';

export const COMMITTEE_REPORT_TITLE = 'Отчёт для оперативного совещания';

/**
 * «Отчёт для оперативного совещания» of one department: leads, their processing, the client
 * funnel, deals and the managers' activity over the period, each figure beside the previous
 * period of the same length. A pure function of the data: the same data, the same document.
 */
export function buildCommitteeReport(data: CommitteeReportData): TDocumentDefinitions {
  const period = formatPeriod(data.period);
  return reportDocument({
    title: COMMITTEE_REPORT_TITLE,
    subtitle: `${data.department} · период ${period}`,
    header: `${COMMITTEE_REPORT_TITLE} · ${data.department} · ${period}`,
    content: [
      {
        text: `Сравнение с предыдущим периодом ${formatPeriod(data.previousPeriod)}. Сформирован ${formatDateTime(data.generatedAt)} (время московское).`,
        style: 'muted',
        margin: [0, 0, 0, 10],
      },
      keyFigures([
        {
          label: 'новых лидов',
          value: formatCount(data.leads.received.current),
          note: delta(data.leads.received),
        },
        {
          label: 'конверсия лидов в клиентов',
          value: formatRate(data.leads.converted.current, data.leads.processed.current),
          note: `было ${formatRate(data.leads.converted.previous, data.leads.processed.previous)}`,
        },
        {
          label: 'подписано сделок',
          value: formatCount(data.deals.signed.current),
          note: delta(data.deals.signed),
        },
        {
          label: 'сумма подписанных сделок',
          value: formatWholeRubles(data.deals.total.current),
          note: `было ${formatWholeRubles(data.deals.total.previous)}`,
        },
      ]),
      ...leadsSection(data),
      ...clientsSection(data),
      ...dealsSection(data),
      ...managersSection(data),
    ],
  });
}

function delta(figure: Compared): string {
  return `было ${formatCount(figure.previous)} (${formatDelta(figure.current, figure.previous)})`;
}

function comparedRow(label: string, figure: Compared): string[] {
  return [
    label,
    formatCount(figure.current),
    formatCount(figure.previous),
    formatDelta(figure.current, figure.previous),
  ];
}

function leadsSection({ leads }: CommitteeReportData): Content[] {
  return [
    section('Лиды'),
    subsection('Новые лиды по типу объекта'),
    barChart(
      leads.byObjectType.map((row) => ({
        label: row.name,
        value: row.current,
        previous: row.previous,
        text: `${formatCount(row.current)} (было ${formatCount(row.previous)})`,
      })),
      { emptyText: 'За период новых лидов нет' },
    ),
    dataTable(
      ['Тип объекта', 'За период', 'Предыдущий период', 'Изменение'],
      [
        ...leads.byObjectType.map((row) => comparedRow(row.name, row)),
        comparedRow('Всего', leads.received).map((text) => ({ text, bold: true })),
      ],
      { numeric: [1, 2, 3] },
    ),
    subsection('Текущий статус лидов, поступивших за период'),
    dataTable(
      ['Статус', 'Лидов'],
      leads.byStatus.map((row) => [row.name, formatCount(row.count)]),
      { numeric: [1] },
    ),
    subsection('Итоги обработки'),
    dataTable(
      ['Показатель', 'За период', 'Предыдущий период', 'Изменение'],
      [
        comparedRow('Обработано лидов', leads.processed),
        comparedRow('Преобразовано в клиента', leads.converted),
        comparedRow('Признано неактивными', leads.inactive),
        [
          'Конверсия лидов в клиентов',
          formatRate(leads.converted.current, leads.processed.current),
          formatRate(leads.converted.previous, leads.processed.previous),
          '',
        ],
      ],
      { numeric: [1, 2, 3] },
    ),
    subsection('Скорость работы с лидами'),
    dataTable(
      ['Показатель', 'Медиана', 'Худшее', 'Медиана ранее', 'Худшее ранее'],
      [
        [
          'Время реакции: от поступления до взятия в работу',
          formatHours(leads.reaction.current.median),
          formatHours(leads.reaction.current.max),
          formatHours(leads.reaction.previous.median),
          formatHours(leads.reaction.previous.max),
        ],
        [
          'Время обработки: от поступления до завершения',
          formatHours(leads.processing.current.median),
          formatHours(leads.processing.current.max),
          formatHours(leads.processing.previous.median),
          formatHours(leads.processing.previous.max),
        ],
      ],
      { numeric: [1, 2, 3, 4] },
    ),
    subsection(`Лиды, ожидающие взятия в работу на конец периода: ${formatCount(leads.waiting.total)}`),
    dataTable(
      ['№', 'Компания', 'Контакт', 'Тип объекта', 'Поступил', 'Ожидает'],
      leads.waiting.oldest.map((lead) => [
        String(lead.id),
        lead.company,
        lead.person,
        lead.objectType,
        formatDateTime(lead.submittedAt),
        formatHours(lead.waitingHours),
      ]),
      {
        widths: [24, '*', 80, 130, 62, 52],
        numeric: [0, 5],
        emptyText: 'Необработанных лидов нет',
      },
    ),
    ...(leads.waiting.total > leads.waiting.oldest.length
      ? [
          {
            text: `Показаны ${leads.waiting.oldest.length} самых давних из ${leads.waiting.total}.`,
            style: 'muted',
          },
        ]
      : []),
  ];
}

function funnelContent(funnel: Funnel): Content[] {
  const rows: Parameters<typeof dataTable>[1] = [];
  for (const stage of funnel.stages) {
    rows.push([
      stage.name,
      formatCount(stage.clients),
      formatCount(stage.entered.current),
      formatCount(stage.entered.previous),
    ]);
    // Detail items that hold clients (the rest of a long pipeline would only be zeros).
    for (const item of stage.items.filter((candidate) => candidate.clients > 0)) {
      rows.push([
        { text: item.name, margin: [12, 0, 0, 0], color: '#555555' },
        formatCount(item.clients),
        '',
        '',
      ]);
    }
  }
  return [
    subsection(`Воронка на конец периода: ${funnel.pipeline}`),
    // The chart stays on one page.
    {
      stack: [
        funnelChart(
          funnel.stages.map((stage) => ({ label: stage.name, value: stage.clients, kind: stage.kind })),
        ),
      ],
      unbreakable: true,
    },
    dataTable(['Этап / пункт детализации', 'Клиентов', 'Перешли в этап за период', 'Ранее'], rows, {
      numeric: [1, 2, 3],
    }),
  ];
}

function clientsSection({ clients }: CommitteeReportData): Content[] {
  return [
    section('Клиенты'),
    { text: `Новые клиенты за период: ${compared(clients.added)}.`, margin: [0, 0, 0, 4] },
    ...(clients.funnels.length > 0
      ? clients.funnels.flatMap(funnelContent)
      : [{ text: 'У департамента пока нет клиентов', style: 'muted' }]),
    subsection(`Деактивации: ${compared(clients.deactivated)}`),
    dataTable(
      ['Клиент', 'Когда', 'Причина', 'Кто'],
      clients.deactivations.map((row) => [row.client, formatDateTime(row.at), row.reason, row.user]),
      { widths: ['*', 'auto', '*', 'auto'], emptyText: 'За период деактиваций нет' },
    ),
  ];
}

function moneyRows(rows: NamedMoney[]): string[][] {
  return rows.map((row) => [
    row.name,
    formatCount(row.count.current),
    formatMoney(row.total.current),
    formatCount(row.count.previous),
    formatMoney(row.total.previous),
  ]);
}

function dealsSection({ deals }: CommitteeReportData): Content[] {
  const moneyHeader = ['', 'Сделок', 'Сумма', 'Сделок ранее', 'Сумма ранее'];
  return [
    section('Сделки'),
    { text: `Подписано сделок: ${compared(deals.signed)}.` },
    { text: `Сумма подписанных сделок: ${comparedMoney(deals.total)}.`, margin: [0, 0, 0, 4] },
    subsection('По виду продажи'),
    dataTable(['Вид продажи', ...moneyHeader.slice(1)], moneyRows(deals.byKind), { numeric: [1, 2, 3, 4] }),
    subsection('По услугам и объектам'),
    barChart(
      deals.byService.map((row) => ({
        label: row.name,
        value: moneyAsNumber(row.total.current),
        previous: moneyAsNumber(row.total.previous),
        text: formatMoney(row.total.current),
      })),
      { emptyText: 'За период сделок нет' },
    ),
    dataTable(['Услуга / тип объекта', ...moneyHeader.slice(1)], moneyRows(deals.byService), {
      numeric: [1, 2, 3, 4],
      emptyText: 'За период сделок нет',
    }),
    subsection('Подписанные сделки'),
    dataTable(
      ['№', 'Клиент', 'Вид', 'Подписана', 'Состав (услуга/площадь, сумма, срок)'],
      deals.list.map((deal) => [
        String(deal.id),
        deal.client,
        deal.kind,
        formatDate(deal.signedAt),
        [...deal.lines, deal.total].join('\n'),
      ]),
      { widths: ['auto', 80, 'auto', 'auto', '*'], emptyText: 'За период сделок нет' },
    ),
  ];
}

function managersSection({ managers }: CommitteeReportData): Content[] {
  return [
    section('Активность менеджеров'),
    dataTable(
      ['Менеджер', 'События истории', 'Ранее', 'Смены статусов', 'Ранее'],
      managers.map((row) => [
        row.name,
        formatCount(row.events.current),
        formatCount(row.events.previous),
        formatCount(row.statusChanges.current),
        formatCount(row.statusChanges.previous),
      ]),
      { numeric: [1, 2, 3, 4], emptyText: 'За период действий менеджеров нет' },
    ),
  ];
}
