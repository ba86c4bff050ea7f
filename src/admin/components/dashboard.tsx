import React, { useEffect, useState } from 'react';
import { Box, H2, H4, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

import type { CommitteeReportData } from '../../reports/report-data.js';
import { listCountLabel } from '../../common/list-count.js';
import { formatCount, formatRate, formatWholeRubles } from '../../common/ru-format.js';
import { formatPeriod } from '../../reports/report-format.js';
import BarChart from './bar-chart.js';

interface DashboardData {
  userName: string;
  role: 'admin' | 'manager' | 'committee';
  warnings: string[];
  week: CommitteeReportData | null;
  counters: Record<'overdueLeads' | 'stuckClients' | 'plannedToday', { count: number; link: string }> | null;
}

const roleDescriptions: Record<DashboardData['role'], string> = {
  admin: 'Вы администратор: ведёте справочники и пользователей, видите все разделы.',
  manager: 'Вы менеджер: работаете с лидами, клиентами и сделками в разделе «CRM».',
  committee: 'Вы член комитета: вам доступны отчёты в разделе «Отчёты».',
};

const api = new ApiClient();

const Figure: React.FC<{ label: string; value: string; note: string }> = ({ label, value, note }) => (
  <Box mr="xxl" mb="lg">
    <Text fontSize="xl" fontWeight="bold">
      {value}
    </Text>
    <Text fontSize="sm">{label}</Text>
    <Text fontSize="sm" color="grey60">
      {note}
    </Text>
  </Box>
);

/** The three counters of the workspace, each a link to the list it counts. */
const Counters: React.FC<{ counters: NonNullable<DashboardData['counters']> }> = ({ counters }) => {
  const items = [
    { key: 'overdueLeads', label: 'Просроченные лиды', counter: counters.overdueLeads },
    { key: 'stuckClients', label: 'Клиенты, задержавшиеся на этапе', counter: counters.stuckClients },
    { key: 'plannedToday', label: 'Запланировано на сегодня', counter: counters.plannedToday },
  ];
  return (
    <Box
      variant="white"
      p="xl"
      mt="lg"
      flex
      flexDirection="row"
      flexWrap="wrap"
      data-testid="dashboard-counters"
    >
      {items.map(({ key, label, counter }) => (
        <Box as="a" href={counter.link} key={key} mr="xxl" mb="lg" data-testid={`counter-${key}`}>
          <Text
            fontSize="xl"
            fontWeight="bold"
            color={counter.count > 0 && key !== 'plannedToday' ? 'error' : undefined}
          >
            {listCountLabel(counter.count)}
          </Text>
          <Text fontSize="sm">{label}</Text>
        </Box>
      ))}
    </Box>
  );
};

/** This week of the manager's department: the figures and charts of the committee report. */
const Week: React.FC<{ week: CommitteeReportData }> = ({ week }) => (
  <Box variant="white" p="xl" mt="lg" data-testid="dashboard-week">
    <H4>
      {week.department}: неделя {formatPeriod(week.period)}
    </H4>
    <Box flex flexDirection="row" flexWrap="wrap" mb="lg">
      <Figure
        label="новых лидов"
        value={formatCount(week.leads.received.current)}
        note={`в те же дни прошлой недели: ${formatCount(week.leads.received.previous)}`}
      />
      <Figure
        label="ждут взятия в работу"
        value={formatCount(week.leads.waiting.total)}
        note="лиды в статусе «Новый»"
      />
      <Figure
        label="конверсия в клиентов"
        value={formatRate(week.leads.converted.current, week.leads.processed.current)}
        note={`обработано лидов: ${formatCount(week.leads.processed.current)}`}
      />
      <Figure
        label="подписано сделок"
        value={formatCount(week.deals.signed.current)}
        note={formatWholeRubles(week.deals.total.current)}
      />
    </Box>
    <BarChart
      title="Новые лиды по типу объекта"
      empty="На этой неделе новых лидов нет"
      bars={week.leads.byObjectType.map((row) => ({
        label: row.name,
        value: row.current,
        previous: row.previous,
        text: formatCount(row.current),
      }))}
    />
    {week.clients.funnels.map((funnel) => (
      <BarChart
        key={funnel.pipeline}
        title={`Воронка клиентов: ${funnel.pipeline}`}
        empty=""
        centred
        bars={funnel.stages.map((stage) => ({
          label: stage.name,
          value: stage.clients,
          text: formatCount(stage.clients),
          color: stage.kind === 'won' ? '#3c8d4f' : stage.kind === 'lost' ? '#b5483f' : undefined,
        }))}
      />
    ))}
    <BarChart
      title="Сделки по услугам и объектам"
      empty="На этой неделе сделок нет"
      bars={week.deals.byService.map((row) => ({
        label: row.name,
        value: Number(row.total.current),
        previous: Number(row.total.previous),
        text: formatWholeRubles(row.total.current),
      }))}
    />
  </Box>
);

const Dashboard: React.FC = () => {
  const [data, setData] = useState<DashboardData | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api
      .getDashboard()
      .then((response) => setData(response.data as DashboardData))
      .catch(() => setFailed(true));
  }, []);

  return (
    <Box variant="grey">
      <Box variant="white" p="xl">
        <H2>{data ? `Здравствуйте, ${data.userName}!` : 'Kosino CRM'}</H2>
        <Text>
          {data
            ? roleDescriptions[data.role]
            : failed
              ? 'Не удалось загрузить главную страницу — обновите её.'
              : 'Загрузка…'}
        </Text>
        {data?.warnings.map((warning) => (
          <Box mt="lg" key={warning}>
            <MessageBox message={warning} variant="danger" />
          </Box>
        ))}
      </Box>
      {data?.counters && <Counters counters={data.counters} />}
      {data?.week && <Week week={data.week} />}
    </Box>
  );
};

export default Dashboard;
